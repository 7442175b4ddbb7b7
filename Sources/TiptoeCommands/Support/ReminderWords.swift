import Foundation
import TiptoeCore

/// What the agent does next, in the words `status` and the overview share.
struct ReminderWords {
  let context: Context

  /// `13:00`, or `Tue 24 Nov 13:00` on another day.
  func when(_ date: Date) -> String {
    let (day, time) = ISO8601.localDateTime(date, utcOffset: context.timeZone.secondsFromGMT(for: date))
    let clock = String(time.description.prefix(5))
    return day == context.today ? clock : DateText.heading(day).dropLast(5) + " " + clock
  }

  /// `Toe presses 2 of 3 (09:10) and Toe walking (09:14)`; without `times`, `Toe presses 2 of 3 and Toe walking`.
  func slots(_ slots: [Slot], times: Bool = true) -> String {
    ListText.and(
      slots.map { slot in
        let title = context.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
        let count = context.planner.slots(on: slot.date).filter { $0.exercise == slot.exercise }.count
        return title + (count > 1 ? " \(slot.ordinal) of \(count)" : "") + (times ? " (\(when(slot.start)))" : "")
      })
  }

  /// What a decision does first: "show", "nudge" or "missed", and its slots.
  static func action(_ decision: ReminderDecision) -> (String, [Slot]) {
    if let show = decision.show.first { return ("show", show.slots) }
    if let nudge = decision.nudge.first { return ("nudge", nudge.slots) }
    return ("missed", decision.missed)
  }

  /// `Next: Toe presses 2 of 3 at 14:30 (in 2 h 5 min)`, `Next: at 13:30, a reminder of A (12:30)`,
  /// `Next: nothing while paused`.
  func next(_ next: (at: Date, decision: ReminderDecision)?, pause: PauseState) -> String {
    guard let next else { return pause == .running ? "Next: nothing planned" : "Next: nothing while paused" }
    let (action, slots) = Self.action(next.decision)
    let when = "\(when(next.at)) (\(DurationText.relative(next.at.timeIntervalSince(context.now))))"
    switch action {
    case "show" where slots.allSatisfy({ $0.start == next.at }):
      return "Next: \(self.slots(slots, times: false)) at \(when)"
    case "show": return "Next: at \(when), a reminder of \(self.slots(slots))"
    case "nudge": return "Next: at \(when), a second reminder of \(self.slots(slots))"
    default: return "Next: at \(when), \(self.slots(slots)) logged as missed"
    }
  }
}
