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
