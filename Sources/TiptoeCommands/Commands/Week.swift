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

extension Tiptoe.Week: QuickParsable {
  static var quickFlags: [String] { ["--json"] }

  init?(quick arguments: QuickArguments) {
    guard arguments.words.isEmpty, let global = GlobalOptions(quick: arguments) else { return nil }
    var command = Self()
    command.global = global
    command.output = OutputOptions(quick: arguments)
    self = command
  }
}
