import ArgumentParser
import TiptoeCore

extension Tiptoe {
  /// `tiptoe today`: today's slots.
  struct Today: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "today", abstract: "Show today's slots.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: context.today, days: 1)
    }
  }
}

extension Tiptoe.Today: OptionsOnlyCommand {
  static var quickFlags: [String] { ["--json"] }

  mutating func setOwnOptions(_ arguments: QuickArguments) { output = OutputOptions(quick: arguments) }
}
