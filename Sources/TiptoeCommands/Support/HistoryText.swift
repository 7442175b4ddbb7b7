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

  /// `14:30 (in 5 h 20 min)`, or `Tue 24 Nov 2026 10:10 (in 1 d 1 h)` on another day.
  static func when(_ instant: Date, context: Context, planner: Planner) -> String {
    let date = localDate(instant, planner.timeZone)
    let day = date == context.today ? "" : DateText.heading(date) + " "
    return day + clock(instant, planner.timeZone) + " (\(DateText.relative(instant.timeIntervalSince(context.now))))"
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

  /// The next slot (of `exercise`, or any) after now that is still pending, within a week.
  static func nextOpen(_ statuses: SlotStatuses, context: Context, planner: Planner, exercise: String? = nil) -> Slot? {
    planner.slots(from: context.today, days: 8).first {
      $0.start > context.now && (exercise == nil || $0.exercise == exercise)
        && statuses.status(of: $0, now: context.now) == .pending
    }
  }
}
