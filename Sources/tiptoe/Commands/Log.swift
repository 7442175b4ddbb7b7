import ArgumentParser

extension Tiptoe {
  /// `tiptoe log` (not built yet).
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'log' is not built yet", code: 1) }
  }
}
