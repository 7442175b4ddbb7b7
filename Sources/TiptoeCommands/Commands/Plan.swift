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

extension Tiptoe.Plan: QuickParsable {
  static var quickOptions: [String] { ["--from", "--days"] }
  static var quickFlags: [String] { ["--json"] }

  init?(quick arguments: QuickArguments) {
    guard arguments.words.isEmpty, let global = GlobalOptions(quick: arguments) else { return nil }
    // Assigned through a copy: in an initializer, Swift takes `self.days = …` for a new `@Option`
    // with that default, still unparsed, rather than for setting the parsed value.
    var command = Self()
    command.global = global
    command.output = OutputOptions(quick: arguments)
    command.from = nil
    if let text = arguments.value("--from") {
      guard let from = try? LocalDate.argument(text) else { return nil }
      command.from = from
    }
    command.days = 1
    if let text = arguments.value("--days") {
      guard let days = Int(argument: text) else { return nil }  // ArgumentParser's own conversion
      command.days = days
    }
    self = command
  }
}
