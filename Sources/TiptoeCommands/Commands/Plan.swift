import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe plan`: the slots of a range of days.
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Show the planned slots of one or more days.",
      discussion: "Example: tiptoe plan --from 2026-11-23 --days 7 --json")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(
      help: ArgumentHelp("First day, YYYY-MM-DD, e.g. 2026-11-23 (default: today).", valueName: "date"),
      transform: LocalDate.argument)
    var from: LocalDate?

    // Unconditional: "--days -1" is a bad number of days, not a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("How many days, 1 to 3660", valueName: "n"))
    var days = 1

    func validate() throws {
      guard (1...3660).contains(days) else {
        throw ValidationError("--days must be from 1 to 3660 (example: --days 7), not \(days)")
      }
    }

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: from ?? context.today, days: days)
    }
  }
}
