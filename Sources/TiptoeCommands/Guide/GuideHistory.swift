import Foundation
import TiptoeCore
import TiptoeStore

/// Where the guide meets the history, in one place: which exercises are due, and recording one as
/// done exactly as `tiptoe done EXERCISE` does (the same choice of slot, the same write).
enum GuideHistory {
  /// What `tiptoe done` would act on now; else the exercises of the next reminder. Empty when nothing
  /// is planned in the next week.
  static func exercises(_ context: Context) throws -> (exercises: [Exercise], due: Bool) {
    let rules = context.rules
    let history =
      try context.history.ifPresent { try $0.history(around: context.now, rules: rules) } ?? .empty(context.planner)
    let action = HistoryAction(.done, context: context, exercise: nil)
    var slots: [Slot]
    var due = true
    do {
      slots = try action.choose(history, day: context.today)
    } catch is CLIError {
      slots = rules.nextAction(history, now: context.now).map { ReminderWords.action($0.decision).1 } ?? []
      due = false
    }
    var ids: [String] = []
    for slot in slots where !ids.contains(slot.exercise) { ids.append(slot.exercise) }
    return (ids.compactMap { context.routine.exercise(id: $0) }, due)
  }

  /// Records `exercise` as done now (its slot due now, else its next one today); returns the line
  /// `tiptoe done` prints: "Toe presses done (2 of 3 today)".
  static func recordDone(_ exercise: Exercise, _ context: Context) throws -> String {
    let now = Context(
      routine: context.routine, routineName: context.routineName, timeZone: context.timeZone,
      zoneName: context.zoneName, now: try Clock.now())
    return try HistoryAction(.done, context: now, exercise: exercise).run()
  }
}
