import ArgumentParser

extension Tiptoe {
  /// `tiptoe snooze` (not built yet).
  struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snooze", abstract: "Not built yet.", shouldDisplay: false)

    func run() throws { throw CLIError(message: "'snooze' is not built yet", code: 1) }
  }
}
