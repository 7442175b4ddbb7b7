// In-process timings of tiptoe's core, for `make bench` (never a test).
//
//   tiptoe-bench expand ROUTINE ZONE DAYS [REPEATS]   the planner alone: median, min, max of REPEATS runs
//   tiptoe-bench export ROUTINE ZONE DAYS [REPEATS]   the iCalendar writer alone, into memory: the RRULE
//                                                     file, and DAYS days expanded
//   tiptoe-bench stats ROUTINE ZONE HISTORY TODAY [REPEATS]
//                                                     `tiptoe stats`'s work on a history file, step by step:
//                                                     reading the events, folding them, the progress
import Foundation
import TiptoeCore
import TiptoeStore

func measure(_ label: String, repeats: Int, _ body: () -> Int) {
  var times: [Double] = []
  var result = 0
  _ = body()  // warm-up
  for _ in 0..<repeats {
    let start = ContinuousClock.now
    result = body()
    let elapsed = ContinuousClock.now - start
    times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
  }
  times.sort()
  let median = times[times.count / 2]
  print(
    String(
      format: "%@: median %.2f ms (min %.2f, max %.2f) over %d runs; %d items", label, median, times.first!,
      times.last!, repeats, result))
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("tiptoe-bench: \(message)\n".utf8))
  exit(64)
}

/// Counts what the exporter writes, keeping nothing.
struct CountingStream: TextOutputStream {
  var bytes = 0
  mutating func write(_ string: String) { bytes += string.utf8.count }
}

let usage = """
  usage: tiptoe-bench expand ROUTINE ZONE DAYS [REPEATS] | export ROUTINE ZONE DAYS [REPEATS]
         tiptoe-bench stats ROUTINE ZONE HISTORY TODAY [REPEATS]
  """
let arguments = CommandLine.arguments
guard arguments.count >= 5 else { fail(usage) }
let days = Int(arguments[4]) ?? 0
guard let zone = TimeZone(identifier: arguments[3]) else { fail("unknown zone \(arguments[3])") }
let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
let routine = try RoutineLoader.load(text, file: arguments[2])
let planner = Planner(routine: routine, timeZone: zone)
let first = LocalDate(iso: "2026-01-01")!

switch arguments[1] {
case "expand":
  let repeats = arguments.count > 5 ? Int(arguments[5]) ?? 10 : 10
  measure("expand \(routine.exercises.count) exercises × \(days) days", repeats: repeats) {
    var count = 0
    for slot in planner.slots(from: first, days: days) where slot.ordinal > 0 { count += 1 }
    return count
  }
case "export":
  let repeats = arguments.count > 5 ? Int(arguments[5]) ?? 10 : 10
  let exporter = ICalendarExporter(planner: planner, stamp: Date(timeIntervalSince1970: 1_767_225_600))
  measure("export \(routine.exercises.count) exercises, RRULE file (bytes)", repeats: repeats) {
    var out = CountingStream()
    exporter.write(.series, from: first, to: &out)
    return out.bytes
  }
  measure("export \(routine.exercises.count) exercises, \(days) days expanded (bytes)", repeats: repeats) {
    var out = CountingStream()
    exporter.write(.instances(days: days), from: first, to: &out)
    return out.bytes
  }
case "stats":
  guard let today = arguments.count > 5 ? LocalDate(iso: arguments[5]) : nil else { fail(usage) }
  let repeats = arguments.count > 6 ? Int(arguments[6]) ?? 10 : 10
  guard let store = try HistoryStore.openIfPresent(path: arguments[4]) else { fail("no history at \(arguments[4])") }
  let now = planner.dayStart(today).addingTimeInterval(12 * 3600)
  let end = planner.dayStart(today.monday.adding(days: 8))
  var events: [HistoryEvent] = []
  measure("stats: read the events", repeats: repeats) {
    events = (try? store.events(forSlotsFrom: nil, to: end)) ?? []
    return events.count
  }
  var history = History.empty(planner)
  measure("stats: fold them into records", repeats: repeats) {
    history = History(planner: planner, events: events, pauseEvents: [])
    return history.records.count
  }
  measure("stats: the progress of every exercise", repeats: repeats) {
    HabitProgress.all(history, from: today.adding(days: -83), today: today, now: now).count
  }
  measure("stats: all of it", repeats: repeats) {
    (try? store.history(planner, through: today)).map {
      HabitProgress.all($0, from: today.adding(days: -83), today: today, now: now).count
    } ?? 0
  }
default:
  fail(usage)
}
