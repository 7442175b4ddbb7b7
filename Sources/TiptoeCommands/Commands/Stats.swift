import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe stats [EXERCISE] [--weeks N] [--json | --csv] [--svg FILE]`: progress per exercise.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Show progress: strength, streaks, this week, adherence and a heatmap per exercise.",
      discussion: """
        Strength is Loop Habit Tracker's habit score: each day moves it towards that day's fraction \
        done, by a step that halves the distance in 13 days for a daily exercise (longer for rarer ones); \
        skipped days leave it as it was. A streak is a run of days done, skipped or not due. --json and \
        --csv are stable formats, described in the README.
        Examples: tiptoe stats · tiptoe stats toe-presses --weeks 26 · tiptoe stats --csv > progress.csv
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(
      help: ArgumentHelp("An exercise id, or a unique prefix of one (default: every exercise).", valueName: "exercise"))
    var exercise: String?

    @Option(help: ArgumentHelp("How many weeks to show, up to this one.", valueName: "n"))
    var weeks = 12

    @Flag(help: "Print JSON instead of text for people (the fields are in the README).")
    var json = false

    @Flag(help: "Print CSV (RFC 4180, with a header line): one row per exercise and day.")
    var csv = false

    @Option(help: ArgumentHelp("Also write the heatmap as an SVG picture to this file.", valueName: "file"))
    var svg: String?

    static let maxWeeks = 520

    func validate() throws {
      if json && csv { throw ValidationError("--json and --csv: choose one (example: tiptoe stats --csv)") }
      guard (1...Self.maxWeeks).contains(weeks) else {
        throw ValidationError(
          "--weeks: '\(weeks)' is not a number of weeks from 1 to \(Self.maxWeeks) (example: tiptoe stats --weeks 12)")
      }
    }

    func run() throws {
      let context = try global.context()
      let named = try exercise.map { try HistoryExercise.resolve($0, in: context.routine, command: "stats") }
      let today = context.today
      let from = today.monday.adding(days: -7 * (weeks - 1))
      let history = try context.history.history(context.planner, through: today)
      let progress = HabitProgress.all(history, from: from, today: today, now: context.now).filter {
        named == nil || $0.exercise.id == named?.id
      }
      let printer = StatsPrinter(context: context, progress: progress, weeks: weeks, from: from)
      if let svg { try SVGHeatmap(printer: printer).write(to: svg) }
      var out = StandardOutput()
      if json {
        printer.json(to: out)
      } else if csv {
        printer.csv(to: &out)
      } else if let svg {
        out.write("Heatmap written to \(svg)\n")
      } else {
        printer.text(to: &out)
      }
    }
  }
}
