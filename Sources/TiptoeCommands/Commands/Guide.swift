import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe guide [EXERCISE…] [--all]`: the routine, with tiptoe counting the holds, reps and rests.
  struct Guide: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "guide",
      abstract: "Do exercises with tiptoe counting the holds, reps and rests; records them as done.",
      discussion: """
        With no exercise: what is due now, else the next reminder's exercises. Full screen on a terminal \
        (keys: \(GuideScreen.help)); one plain line per phase on a pipe. Finishing an exercise records it \
        as `tiptoe done EXERCISE` does; quitting early records nothing.
        Examples: tiptoe guide · tiptoe guide toe-presses · tiptoe guide --all --no-record
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Exercise ids or unique prefixes (default: what is due).", valueName: "exercise"))
    var exercises: [String] = []

    @Flag(help: "The whole routine, in order.")
    var all = false

    @Flag(name: .customLong("no-record"), help: "Practise without recording anything.")
    var noRecord = false

    @Flag(help: "No terminal bell at phase changes.")
    var quiet = false

    @Flag(help: "A desktop notification at each phase change (notify-send).")
    var notify = false

    @Option(
      name: .customLong("count-in"),
      help: ArgumentHelp("Seconds to get ready before each exercise and before its other side.", valueName: "seconds"))
    var countIn: Int = GuidePlan.defaultCountIn

    func validate() throws {
      if all && !exercises.isEmpty { throw ValidationError("give exercises or --all, not both") }
      guard (0...60).contains(countIn) else {
        throw ValidationError("--count-in: \(countIn) is not from 0 to 60 seconds (example: --count-in 3)")
      }
    }

    func run() throws {
      let context = try global.context()
      let chosen: [Exercise]
      if all {
        chosen = context.routine.exercises
      } else if !exercises.isEmpty {
        let named = try exercises.map { try HistoryExercise.resolve($0, in: context.routine, command: "guide") }
        chosen = named.enumerated().filter { item in !named[..<item.offset].contains(item.element) }.map(\.element)
      } else {
        let found = try GuideHistory.exercises(context)
        guard !found.exercises.isEmpty else {
          throw CLIError(
            message: "nothing is due now or planned in the next 7 days (example: tiptoe guide --all)", code: 1)
        }
        if !found.due { Terminal.note("nothing is due now; guiding the next reminder's exercises") }
        chosen = found.exercises
      }
      // The routine's loader checked every `hold` and `rest`.
      let phases = try chosen.flatMap { try GuidePlan.phases(for: $0, countIn: countIn) }
      let runner = GuideRunner(
        context: context, exercises: chosen, phases: phases, record: !noRecord, bell: !quiet, notify: notify)
      let status = runner.run()
      if status != 0 { Foundation.exit(status) }
    }
  }
}
