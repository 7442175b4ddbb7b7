import ArgumentParser

extension Tiptoe {
  /// `tiptoe status` (not built yet).
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'status' is not built yet", code: 1) }
  }
}
