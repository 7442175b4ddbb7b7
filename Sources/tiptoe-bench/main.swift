// In-process timings of tiptoe's core, for `make bench` (never a test).
// Usage: tiptoe-bench expand ROUTINE ZONE DAYS [REPEATS]
import Foundation
import TiptoeCore

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

let arguments = CommandLine.arguments
guard arguments.count >= 5, arguments[1] == "expand" else {
  FileHandle.standardError.write(Data("usage: tiptoe-bench expand ROUTINE ZONE DAYS [REPEATS]\n".utf8))
  exit(64)
}
let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
let routine = try RoutineLoader.load(text, file: arguments[2])
let planner = Planner(routine: routine, timeZone: TimeZone(identifier: arguments[3])!)
let days = Int(arguments[4])!
let repeats = arguments.count > 5 ? Int(arguments[5])! : 10
measure("expand \(routine.exercises.count) exercises × \(days) days", repeats: repeats) {
  var count = 0
  for slot in planner.slots(from: LocalDate(iso: "2026-01-01")!, days: days) where slot.ordinal > 0 { count += 1 }
  return count
}
