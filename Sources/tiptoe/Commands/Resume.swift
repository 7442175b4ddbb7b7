import ArgumentParser

extension Tiptoe {
  /// `tiptoe resume` (not built yet).
  struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'resume' is not built yet", code: 1) }
  }
}
