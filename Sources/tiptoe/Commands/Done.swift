import ArgumentParser

extension Tiptoe {
  /// `tiptoe done` (not built yet).
  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'done' is not built yet", code: 1) }
  }
}
