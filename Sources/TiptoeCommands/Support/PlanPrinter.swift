import Foundation
import TiptoeCore

/// Renders slots for people (aligned columns, one block per day) or as the contract's JSON.
struct PlanPrinter {
  let context: Context
  /// Where each slot's status comes from, at `context.now`.
  let history: History

  /// Each exercise's title, padded (or cut) to the title column once rather than per slot.
  private let titles: [String: String]

  init(context: Context, history: History) {
    self.context = context
    self.history = history
    let width = min(36, context.routine.exercises.map { Terminal.columns($0.title) }.max() ?? 10)
    titles = Dictionary(uniqueKeysWithValues: context.routine.exercises.map { ($0.id, Terminal.pad($0.title, width)) })
  }

  /// The contract's JSON: `{"timezone": …, "slots": [{"id", "exercise", "title", "start", "minutes", "status"}]}`,
  /// a slot a line. Each exercise's fixed fields are encoded once (by `JSON`), not for each of its
  /// slots; a slot's line is put together from them as UTF-8, in as few pieces as it can.
  func json<Output: TextOutputStream>(_ slots: some Sequence<Slot>, to out: Output) -> Output {
    var document = JSONListDocument(head: [("timezone", .string(context.zoneName))], listKey: "slots", to: out)
    // Each exercise's line in the three parts that are the same for all its slots: up to the date in
    // the id; from the ordinal to the start's date (one per ordinal); from "minutes" to the end (one
    // per status).
    let statuses = SlotStatus.allCases
    let statusEnds = statuses.map { Array("\($0.rawValue)\"}".utf8) }
    let parts = zip(context.routine.exercises, context.planner.patterns).map { exercise, pattern in
      let middle = Array(
        "\", \"exercise\": \(JSON.quote(exercise.id)), \"title\": \(JSON.quote(exercise.title)), \"start\": \"".utf8)
      let tail = Array("\", \"minutes\": \(exercise.minutes), \"status\": \"".utf8)
      return (
        open: Array(("{\"id\": " + JSON.quote(exercise.id + "/").dropLast()).utf8),
        middle: middle,
        fromOrdinal: (0...pattern.mostPerDay).map { Array("/\($0)".utf8) + middle },
        fromMinutes: statusEnds.map { tail + $0 }
      )
    }
    var day: (date: LocalDate, utf8: [UInt8])?
    for slot in slots {
      if day?.date != slot.date { day = (slot.date, Array(slot.date.description.utf8)) }
      let index = slot.exerciseIndex
      let status = statuses.firstIndex(of: history.status(of: slot, now: context.now))!
      document.appendItem { line in
        line += parts[index].open
        line += day!.utf8
        line +=
          slot.ordinal < parts[index].fromOrdinal.count
          ? parts[index].fromOrdinal[slot.ordinal] : Array("/\(slot.ordinal)".utf8) + parts[index].middle
        // The start's date is the slot's, unless a clock change moved it past midnight.
        let (date, time) = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset)
        if date == slot.date {
          line += day!.utf8
          ISO8601.write(time, utcOffset: slot.utcOffset, to: &line)
        } else {
          ISO8601.write(slot.start, utcOffset: slot.utcOffset, to: &line)
        }
        line += parts[index].fromMinutes[status]
      }
    }
    document.finish()
    return document.output
  }

  /// One day: a heading and an aligned line per slot ("2 of 3" when an exercise recurs that day).
  func day(_ date: LocalDate, _ slots: [Slot], to out: inout some TextOutputStream) {
    out.write(Terminal.styled(DateText.heading(date), .bold) + "\n")
    lines(slots, day: date, to: &out)
  }

  /// The aligned lines of one day's slots. A slot after midnight (a window that crosses it, or a routine
  /// in a zone behind) says "next morning" under its own `day`, and "Fri night" under the next.
  func lines(_ slots: [Slot], day: LocalDate, to out: inout some TextOutputStream) {
    // Per exercise and the date its slots belong to (the day before's night slots come first; the next
    // day's that start today, of a routine in a zone ahead, last).
    var counts: [String: Int] = [:]
    let others = Set(slots.map(\.date)).subtracting([day]).flatMap { context.planner.slots(on: $0) }
    for slot in others + slots.filter({ $0.date == day }) { counts[slot.exercise + "/\(slot.date)", default: 0] += 1 }
    // HH:MM, or HH:MM:SS for the whole day when a time has seconds ("at" keeps them).
    let timeWidth = slots.contains { $0.time.secondsOfDay % 60 != 0 } ? 8 : 5
    let countWidth = Terminal.columns(counts.values.max().map { "\($0) of \($0)" } ?? "")
    for slot in slots {
      let status = history.status(of: slot, now: context.now)
      let (shown, time) = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset)
      let count = counts[slot.exercise + "/\(slot.date)"] ?? 1
      let ordinal = count > 1 ? "\(slot.ordinal) of \(count)" : ""
      let clock = Terminal.pad(String(time.description.prefix(timeWidth)), timeWidth)
      var line = "  " + StatusGlyph.mark(status) + " " + Terminal.styled(clock, .cyan)
      line += "  " + titles[slot.exercise, default: slot.exercise] + "  " + Terminal.pad(ordinal, countWidth)
      line += "  " + StatusGlyph.word(status)
      if let label = Self.label(of: slot, shownOn: shown, under: day) { line += "  " + Terminal.styled(label, .dim) }
      out.write(line.trimmingTrailingSpaces + "\n")
    }
  }

  /// Where a slot listed under `day` but not on it belongs: after midnight (a night window, or a
  /// routine in a zone behind this one), before it (a zone ahead), or the day before's still due
  /// after midnight; nil for `day`'s own.
  static func label(of slot: Slot, shownOn shown: LocalDate, under day: LocalDate) -> String? {
    let weekday = DateText.weekdays[slot.date.weekday.index]
    if shown > slot.date { return slot.date == day ? "next morning" : weekday + " night" }
    if shown < slot.date { return slot.date == day ? "the evening before" : "for " + weekday }
    return slot.date == day ? nil : weekday
  }
}

/// Dates and durations in words.
enum DateText {
  static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// `Mon 23 Nov 2026`.
  static func heading(_ date: LocalDate) -> String {
    let (year, month, day) = date.fields
    return "\(weekdays[date.weekday.index]) \(day) \(months[month - 1]) \(year)"
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
