import ArgumentParser

extension Tiptoe {
  /// `tiptoe pause` (not built yet).
  struct Pause: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'pause' is not built yet", code: 1) }
  }
}
