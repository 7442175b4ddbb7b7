import ArgumentParser
import Foundation
import TiptoeCore
import TiptoeService

/// Runs the `tiptoe` command line with the process's arguments, and exits.
///
/// `agent` runs the reminder agent in this process (the `tiptoe-agent` executable passes it); without
/// it, `tiptoe agent` checks its options and hands over to `tiptoe-agent`. `sync` runs a sync round,
/// the same way.
public func runTiptoe(agent: AgentRunner? = nil, sync: SyncRunner? = nil) -> Never {
  Tiptoe.Agent.runner = agent
  Tiptoe.Sync.runner = sync
  if CommandLine.arguments.count == 1 {
    // Bare `tiptoe`, the command people type most, has nothing to parse.
    do { try Tiptoe.Overview.show(Context.load(routines: [], tz: nil)) } catch { ExitStatus.fail(error) }
  } else {
    Tiptoe.main()
  }
  exit(0)
}

/// The `tiptoe` command: today's plan when run bare, subcommands for the rest.
struct Tiptoe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tiptoe",
    abstract: "Reminders for your exercise routine, at the right minute, every day.",
    discussion: "Run bare to see today's plan, what is due and the next reminder.",
    version: "0.1.0",
    subcommands: [
      Overview.self, Plan.self, Today.self, Week.self, RoutineCommand.self,
      Done.self, Snooze.self, Skip.self, Undo.self, Log.self,
      Stats.self, Export.self, Sync.self, Agent.self, Status.self, Pause.self, Resume.self, Guide.self, Init.self,
    ],
    defaultSubcommand: Overview.self
  )

  /// Parses, runs, and maps errors to the contract's exit codes.
  static func main() {
    do {
      try checkCommandName(Array(CommandLine.arguments.dropFirst()))
      var command = try parseAsRoot()
      try command.run()
    } catch {
      ExitStatus.fail(error)
    }
  }

  /// A first word that names no command is a mistyped one (the overview, the default, takes no
  /// words): say so, with the closest name, instead of ArgumentParser's "unexpected argument".
  /// The same for the word after `help`, for which ArgumentParser would print the top-level help.
  static func checkCommandName(_ arguments: [String]) throws {
    guard let first = arguments.first, !first.hasPrefix("-") else { return }
    if first == "help" && arguments.count > 1 { return try checkCommandName(Array(arguments.dropFirst())) }
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !names.contains(first) else { return }
    let hint = Suggestion.closest(to: first, in: names).map { "; did you mean '\($0)'?" } ?? ""
    throw CLIError.usage("unknown command '\(first)'\(hint) (commands: \(names.joined(separator: ", ")))")
  }
}
