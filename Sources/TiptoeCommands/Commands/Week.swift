import ArgumentParser
import TiptoeCore

extension Tiptoe {
  /// `tiptoe week`: the slots of the seven days from today.
  struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "week", abstract: "Show the slots of the next seven days, from today.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: context.today, days: 7)
    }
  }
}
