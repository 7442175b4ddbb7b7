import Foundation
import TiptoeCore

/// The history in words: times, spans, progress ("2 of 3 today"), the next slot.
enum HistoryText {
  static func localDate(_ instant: Date, _ zone: TimeZone) -> LocalDate {
    ISO8601.localDateTime(instant, utcOffset: zone.secondsFromGMT(for: instant)).0
  }

  /// `09:10` (with seconds when they are not zero).
  static func clock(_ instant: Date, _ zone: TimeZone) -> String {
    ISO8601.localDateTime(instant, utcOffset: zone.secondsFromGMT(for: instant)).1.description
  }

  /// `09:10`, or `Tue 24 Nov 2026 09:10` when `instant` falls on another day than `day`.
  static func clock(_ instant: Date, _ zone: TimeZone, from day: LocalDate) -> String {
    let date = localDate(instant, zone)
    return (date == day ? "" : DateText.heading(date) + " ") + clock(instant, zone)
  }

  /// `14:30 (in 5 h 20 min)`, or `Tue 24 Nov 2026 10:10 (in 1 d 1 h)` on another day.
  static func when(_ instant: Date, context: Context, planner: Planner) -> String {
    clock(instant, planner.timeZone, from: context.today)
      + " (\(DateText.relative(instant.timeIntervalSince(context.now))))"
  }

  /// `45 s`, `10 min`, `1 h 30 min`.
  static func span(_ seconds: Int) -> String {
    var parts: [String] = []
    if seconds >= 3600 { parts.append("\(seconds / 3600) h") }
    if seconds % 3600 >= 60 { parts.append("\(seconds % 3600 / 60) min") }
    if seconds % 60 > 0 { parts.append("\(seconds % 60) s") }
    return parts.joined(separator: " ")
  }

  /// How the exercise of `slot` stands in its period: `2 of 3 today`, `1 of 2–3 this week`;
  /// nil for every-other-day exercises.
  static func progress(of slot: Slot, _ statuses: SlotStatuses, context: Context, planner: Planner) -> String? {
    guard let exercise = context.routine.exercise(id: slot.exercise) else { return nil }
    if case .every(let frequency, _) = exercise.timing, frequency.period != .day {
      guard frequency.period == .week else { return nil }
      let monday = slot.date.adding(days: -slot.date.weekday.index)
      let done = planner.slots(from: monday, days: 7).filter {
        $0.exercise == exercise.id && statuses.status(of: $0, now: context.now) == .done
      }.count
      let goal = frequency.goal == frequency.times ? "\(frequency.goal)" : "\(frequency.goal)–\(frequency.times)"
      let week = context.today.adding(days: -context.today.weekdayIndex)
      return "\(done) of \(goal) " + (week == monday ? "this week" : "in the week of \(DateText.heading(monday))")
    }
    let slots = planner.slots(on: slot.date).filter { $0.exercise == exercise.id }
    let done = slots.filter { statuses.status(of: $0, now: context.now) == .done }.count
    let day = slot.date == context.today ? "today" : "on \(DateText.heading(slot.date))"
    return "\(done) of \(slots.count) \(day)"
  }

  /// When the next reminder comes, and for which slots: the first slots after now that are still
  /// pending (all of those that start then), or a snoozed slot's snooze end when that comes first.
  static func nextReminder(_ statuses: SlotStatuses, context: Context, planner: Planner) -> (at: Date, slots: [Slot])? {
    let now = context.now
    var next: (at: Date, slots: [Slot])?
    func offer(_ at: Date, _ slot: Slot) {
      if let current = next, current.at <= at {
        if current.at == at { next?.slots.append(slot) }
      } else {
        next = (at, [slot])
      }
    }
    for slot in planner.slots(on: context.today) where statuses.status(of: slot, now: now) == .snoozed {
      let snooze = HistoryEvent.standing(statuses.events(of: slot)).filter { $0.kind == .snoozed }.max { $0.id < $1.id }
      if let until = snooze?.until { offer(until, slot) }
    }
    var start: Date?
    for slot in planner.slots(from: context.today, days: 8) where slot.start > now {
      if let start, slot.start > start { break }
      guard statuses.status(of: slot, now: now) == .pending else { continue }
      start = slot.start
      offer(slot.start, slot)
    }
    return next
  }

  /// `Toe presses`, `Toe presses and Toe walking`, `A, B and C`.
  static func list(_ titles: [String]) -> String {
    var text = ""
    for (index, title) in titles.enumerated() {
      if index > 0 { text += index == titles.count - 1 ? " and " : ", " }
      text += title
    }
    return text
  }

  /// The next slot (of `exercise`, or any) after now that is still pending, within a week.
  static func nextOpen(_ statuses: SlotStatuses, context: Context, planner: Planner, exercise: String? = nil) -> Slot? {
    planner.slots(from: context.today, days: 8).first {
      $0.start > context.now && (exercise == nil || $0.exercise == exercise)
        && statuses.status(of: $0, now: context.now) == .pending
    }
  }
}
