import ArgumentParser

extension Tiptoe {
  /// `tiptoe undo` (not built yet).
  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'undo' is not built yet", code: 1) }
  }
}
