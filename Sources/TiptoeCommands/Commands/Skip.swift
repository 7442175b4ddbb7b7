import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe skip [EXERCISE]`: skip what is due (or the named exercise's slot).
  struct Skip: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "skip",
      abstract: "Skip what is due now, or an exercise's slot.",
      discussion: """
        With no exercise, skips every exercise that is due now. With one, skips its slot that is due \
        now, or else its next slot today (this week for weekly exercises), so that reminder won't fire.
        Exits 1 and writes nothing when there is nothing to skip.
        Examples: tiptoe skip · tiptoe skip toe-walking
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(
      help: ArgumentHelp("An exercise id, or a unique prefix of one (default: what is due).", valueName: "exercise"),
      completion: ExerciseCompletion.ids)
    var exercise: String?

    func run() throws {
      let context = try global.context()
      let named = try exercise.map { try HistoryExercise.resolve($0, in: context.routine, command: "skip") }
      print(try HistoryAction(.skip, context: context, exercise: named).run())
    }
  }
}
