import Foundation
import TiptoeCore

/// Renders slots for people (aligned columns, one block per day) or as the contract's JSON.
struct PlanPrinter {
  let context: Context
  /// Each slot's status; by default from the clock alone.
  var status: (Slot) -> SlotStatus

  init(context: Context, status: ((Slot) -> SlotStatus)? = nil) {
    self.context = context
    self.status = status ?? { $0.start > context.now ? .pending : .due }
  }

  /// `{"timezone": …, "slots": [{id, exercise, title, start, minutes, status}]}`, keys in a stable order.
  func json(_ slots: some Sequence<Slot>, to out: inout some TextOutputStream) {
    out.write("{\"timezone\": \(JSON.quote(context.timeZone.identifier)), \"slots\": [")
    var first = true
    let exercises = Dictionary(uniqueKeysWithValues: context.routine.exercises.map { ($0.id, $0) })
    for slot in slots {
      let exercise = exercises[slot.exercise]!
      out.write(first ? "\n  " : ",\n  ")
      first = false
      out.write("{\"id\": \(JSON.quote(slot.id)), \"exercise\": \(JSON.quote(slot.exercise)), ")
      out.write("\"title\": \(JSON.quote(exercise.title)), \"start\": \"\(slot.isoStart)\", ")
      out.write("\"minutes\": \(exercise.minutes), \"status\": \"\(status(slot).rawValue)\"}")
    }
    out.write(first ? "]}" : "\n]}")
  }

  /// Day headings and one aligned line per slot.
  func text(_ slots: [Slot]) -> String {
    let exercises = Dictionary(uniqueKeysWithValues: context.routine.exercises.map { ($0.id, $0) })
    let perDay = Dictionary(grouping: slots, by: \.date)
    let counts = slots.reduce(into: [String: Int]()) { $0["\($1.exercise) \($1.date)", default: 0] += 1 }
    let titleWidth = min(28, exercises.values.map(\.title.count).max() ?? 10)
    var lines: [String] = []
    for date in perDay.keys.sorted() {
      if !lines.isEmpty { lines.append("") }
      lines.append(Terminal.styled(DateText.heading(date), .bold))
      for slot in perDay[date]! {
        let exercise = exercises[slot.exercise]!
        let status = status(slot)
        let time = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset).1
        let count = counts["\(slot.exercise) \(slot.date)"] ?? 1
        let ordinal = count > 1 ? "\(slot.ordinal) of \(count)" : ""
        var line = "  " + StatusText.mark(status) + " " + Terminal.styled(String(time.description.prefix(5)), .cyan)
        line += "  " + Terminal.pad(exercise.title, titleWidth) + "  " + Terminal.pad(ordinal, 6)
        line += "  " + StatusText.word(status)
        lines.append(line.trimmingTrailingSpaces)
      }
    }
    return lines.joined(separator: "\n")
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

  /// `in 2 h 5 min`, `in 40 s`, `5 min ago`.
  static func relative(_ seconds: TimeInterval) -> String {
    let total = Int(abs(seconds).rounded())
    let text: String
    if total < 60 {
      text = "\(total) s"
    } else if total < 3600 {
      text = "\(total / 60) min"
    } else if total < 86400 {
      text = total % 3600 / 60 == 0 ? "\(total / 3600) h" : "\(total / 3600) h \(total % 3600 / 60) min"
    } else {
      text = "\(total / 86400) d \(total % 86400 / 3600) h"
    }
    return seconds >= 0 ? "in " + text : text + " ago"
  }
}

/// Minimal JSON string quoting.
enum JSON {
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
