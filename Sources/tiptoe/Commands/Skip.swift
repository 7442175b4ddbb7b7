import ArgumentParser

extension Tiptoe {
  /// `tiptoe skip` (not built yet).
  struct Skip: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "skip", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'skip' is not built yet", code: 1) }
  }
}
