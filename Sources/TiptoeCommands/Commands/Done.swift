import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe done [EXERCISE] [--at TIME]`: mark what is due (or the named exercise) as done.
  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "done",
      abstract: "Mark what is due now, or an exercise, as done.",
      discussion: """
        With no exercise, marks every exercise that is due now. With one, marks its slot that is due \
        now, or else its next slot today (this week for weekly exercises), so that reminder won't fire.
        Exits 1 and writes nothing when there is nothing to mark.
        Examples: tiptoe done · tiptoe done toe-presses · tiptoe done toe-pr --at 14:40
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(
      help: ArgumentHelp("An exercise id, or a unique prefix of one (default: what is due).", valueName: "exercise"),
      completion: ExerciseCompletion.ids)
    var exercise: String?

    @Option(
      help: ArgumentHelp(
        "When you did it: HH:MM today, or an ISO 8601 time, e.g. 2026-11-23T14:40:00+01:00 (default: now).",
        valueName: "time"))
    var at: String?

    func run() throws {
      let context = try global.context()
      let named = try exercise.map { try HistoryExercise.resolve($0, in: context.routine, command: "done") }
      let when = try at.map { try HistoryTime.parse($0, option: "--at", context: context) }
      let line = try HistoryAction(.done, context: context, exercise: named, at: when).run()
      print(line)
    }
  }
}
