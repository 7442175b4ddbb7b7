import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe snooze [EXERCISE] [DURATION]`: put off what is due for a while (default 10m).
  struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "snooze",
      abstract: "Put off what is due now for a while (default 10m).",
      discussion: """
        Arguments: [EXERCISE] [DURATION]. A single argument that reads as a duration is one. \
        Durations: 45s, 10m, 90m, 1h, 1h30m. Snooze works on due reminders only: it exits 1 and \
        writes nothing when nothing (or not the named exercise) is due.
        Examples: tiptoe snooze · tiptoe snooze 30m · tiptoe snooze toe-presses 1h
        """)

    @OptionGroup var global: GlobalOptions

    // Collected by hand so that "-5m" reaches the duration check instead of being taken for an option.
    @Argument(
      parsing: .allUnrecognized,
      help: ArgumentHelp(
        "An exercise id or prefix (default: what is due), then a duration (default: 10m).",
        valueName: "exercise-then-duration"),
      completion: ExerciseCompletion.snoozeWords)
    var words: [String] = []

    static let defaultDuration = 600

    /// The exercise name and the duration in seconds, from the words.
    func parsed() throws -> (exercise: String?, seconds: Int) {
      switch words.count {
      case 0:
        return (nil, Self.defaultDuration)
      case 1:
        let word = words[0]
        if let seconds = try? DurationParser.seconds(word) { return (nil, seconds) }
        // Something that starts like a number (or is empty) was meant as a duration.
        if word.isEmpty || word.first!.isNumber || word.first == "-" || word.first == "+" {
          return (nil, try duration(word))
        }
        return (word, Self.defaultDuration)
      case 2:
        return (words[0], try duration(words[1]))
      default:
        throw ValidationError(
          "snooze takes an exercise and a duration, not \(words.count) arguments (example: tiptoe snooze toe-presses 15m)"
        )
      }
    }

    func duration(_ text: String) throws -> Int {
      try DurationArgument.seconds(text, argument: "snooze", examples: "10m, 15m, 1h, 1h30m, 45s")
    }

    func validate() throws { _ = try parsed() }

    func run() throws {
      let (name, seconds) = try parsed()
      let context = try global.context()
      let named = try name.map { try HistoryExercise.resolve($0, in: context.routine, command: "snooze") }
      print(try HistoryAction(.snooze(seconds: seconds), context: context, exercise: named).run())
    }
  }
}
