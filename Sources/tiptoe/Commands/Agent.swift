import ArgumentParser

extension Tiptoe {
  /// `tiptoe agent` (not built yet).
  struct Agent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agent", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'agent' is not built yet", code: 1) }
  }
}
