import Foundation
import TiptoeCore

/// The history in words: times, progress ("2 of 3 today"), the next slot.
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
  static func when(_ instant: Date, context: Context) -> String {
    clock(instant, context.timeZone, from: context.today)
      + " (\(DurationText.relative(instant.timeIntervalSince(context.now))))"
  }

  /// How the exercise of `slot` stands in its period: `2 of 3 today`, `1 of 2–3 this week`;
  /// nil for every-other-day exercises.
  static func progress(of slot: Slot, _ history: History, context: Context) -> String? {
    guard let exercise = context.routine.exercise(id: slot.exercise) else { return nil }
    let planner = history.planner
    func done(_ slots: some Sequence<Slot>) -> Int {
      slots.filter { $0.exercise == exercise.id && history.status(of: $0, now: context.now) == .done }.count
    }
    if case .every(let frequency, _, _) = exercise.timing, frequency.period != .day {
      guard frequency.period == .week else { return nil }
      let monday = slot.date.adding(days: -slot.date.weekday.index)
      let goal = frequency.goal == frequency.times ? "\(frequency.goal)" : "\(frequency.goal)–\(frequency.times)"
      let week = context.today.adding(days: -context.today.weekday.index)
      let when = week == monday ? "this week" : "in the week of \(DateText.heading(monday))"
      return "\(done(planner.slots(from: monday, days: 7))) of \(goal) \(when)"
    }
    let slots = planner.slots(on: slot.date).filter { $0.exercise == exercise.id }
    let day = slot.date == context.today ? "today" : "on \(DateText.heading(slot.date))"
    return "\(done(slots)) of \(slots.count) \(day)"
  }

  /// The next slot (of `exercise`, or any) after now that is still pending, within a week.
  static func nextOpen(_ history: History, context: Context, exercise: String? = nil) -> Slot? {
    history.planner.slots(from: context.today, days: 8).first {
      $0.start > context.now && (exercise == nil || $0.exercise == exercise)
        && history.status(of: $0, now: context.now) == .pending
    }
  }
}
