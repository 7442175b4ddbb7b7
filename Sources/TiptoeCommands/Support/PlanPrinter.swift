import Foundation
import TiptoeCore

/// Renders slots for people (aligned columns, one block per day) or as the contract's JSON.
struct PlanPrinter {
  let context: Context
  /// Each slot's status; by default from the clock alone.
  var status: (Slot) -> SlotStatus

  /// Each exercise's title, padded (or cut) to the title column once rather than per slot.
  private let titles: [String: String]

  init(context: Context, status: ((Slot) -> SlotStatus)? = nil) {
    self.context = context
    self.status = status ?? { $0.start > context.now ? .pending : .due }
    let width = min(36, context.routine.exercises.map { Terminal.columns($0.title) }.max() ?? 10)
    titles = Dictionary(uniqueKeysWithValues: context.routine.exercises.map { ($0.id, Terminal.pad($0.title, width)) })
  }

  /// The contract's JSON: `{"timezone": …, "slots": [{"id", "exercise", "title", "start", "minutes", "status"}]}`,
  /// a slot a line. Each exercise's fixed fields are encoded once, not for each of its slots.
  func json<Output: TextOutputStream>(_ slots: some Sequence<Slot>, to out: Output) -> Output {
    var document = JSONListDocument(head: [("timezone", .string(context.zoneName))], listKey: "slots", to: out)
    let pieces = context.routine.exercises.map { exercise in
      (
        open: "{\"id\": " + JSON.quote(exercise.id + "/").dropLast(),
        middle: "\", \"exercise\": \(JSON.quote(exercise.id)), \"title\": \(JSON.quote(exercise.title)), \"start\": \"",
        tail: "\", \"minutes\": \(exercise.minutes), \"status\": \""
      )
    }
    var day: (date: LocalDate, text: String)?
    for slot in slots {
      if day?.date != slot.date { day = (slot.date, slot.date.description) }
      let piece = pieces[slot.exerciseIndex]
      var line = piece.open
      line += day!.text
      line += "/"
      line += String(slot.ordinal)
      line += piece.middle
      line += slot.isoStart
      line += piece.tail
      line += status(slot).rawValue
      line += "\"}"
      document.append(raw: line)
    }
    document.finish()
    return document.output
  }

  /// One day: a heading and an aligned line per slot ("2 of 3" when an exercise recurs that day).
  func day(_ date: LocalDate, _ slots: [Slot], to out: inout some TextOutputStream) {
    out.write(Terminal.styled(DateText.heading(date), .bold) + "\n")
    lines(slots, to: &out)
  }

  /// The aligned lines of one day's slots.
  func lines(_ slots: [Slot], to out: inout some TextOutputStream) {
    var counts: [String: Int] = [:]
    for slot in slots { counts[slot.exercise, default: 0] += 1 }
    // HH:MM, or HH:MM:SS for the whole day when a time has seconds ("at" keeps them).
    let timeWidth = slots.contains { $0.time.secondsOfDay % 60 != 0 } ? 8 : 5
    let countWidth = Terminal.columns(counts.values.max().map { "\($0) of \($0)" } ?? "")
    for slot in slots {
      let status = status(slot)
      let time = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset).1
      let count = counts[slot.exercise] ?? 1
      let ordinal = count > 1 ? "\(slot.ordinal) of \(count)" : ""
      let clock = Terminal.pad(String(time.description.prefix(timeWidth)), timeWidth)
      var line = "  " + StatusText.mark(status) + " " + Terminal.styled(clock, .cyan)
      line += "  " + titles[slot.exercise, default: slot.exercise] + "  " + Terminal.pad(ordinal, countWidth)
      line += "  " + StatusText.word(status)
      out.write(line.trimmingTrailingSpaces + "\n")
    }
  }
}

/// How statuses look for people.
enum StatusText {
  static func mark(_ status: SlotStatus) -> String {
    switch status {
    case .done: Terminal.styled("✓", .green)
    case .skipped: Terminal.styled("–", .dim)
    case .snoozed: Terminal.styled("z", .yellow)
    case .missed: Terminal.styled("✗", .red)
    case .due: Terminal.styled("•", .yellow)
    case .goalMet: Terminal.styled("=", .green)
    case .pending: " "
    }
  }

  static func word(_ status: SlotStatus) -> String {
    switch status {
    case .pending: ""
    case .due: Terminal.styled("due", .yellow)
    case .done: Terminal.styled("done", .green)
    case .skipped: Terminal.styled("skipped", .dim)
    case .snoozed: Terminal.styled("snoozed", .yellow)
    case .missed: Terminal.styled("missed", .red)
    case .goalMet: Terminal.styled("goal met", .green)
    }
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
