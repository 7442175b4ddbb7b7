import ArgumentParser

extension Tiptoe {
  /// `tiptoe export` (not built yet).
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'export' is not built yet", code: 1) }
  }
}
