import ArgumentParser
import Foundation
import TiptoeService
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// `tiptoe agent [--install | --uninstall]`: the reminder agent, in the foreground or as a user service.
  struct Agent: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "agent",
      abstract: "Run the reminder agent in the foreground (--install: as a systemd user service).",
      discussion: """
        The agent shows a desktop notification at each slot, with Done / Snooze / Skip, and records \
        what you answer. It sleeps between reminders and logs short lines on stderr. Stop it with Ctrl-C.
        --install writes ~/.config/systemd/user/tiptoe.service for this binary (or takes the unit \
        installed with it), then runs systemctl --user daemon-reload and enable --now; without a systemd \
        user manager it writes the autostart entry ~/.config/autostart/tiptoe.desktop instead. \
        --uninstall reverses either.
        Reminders wait while the screen is locked, you are away (idle --away-after) or do-not-disturb is \
        on, as the desktop says on D-Bus (logind, the screen saver, Mutter's idle monitor, the \
        notification server); on return what came due shows in one notification. --no-presence turns \
        this off.
        Examples: tiptoe agent · tiptoe agent --install · tiptoe agent --snooze 15m
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Install and start the agent as a systemd user service (without systemd: an autostart entry).")
    var install = false

    @Flag(help: "Stop the user service and remove it, and the autostart entry.")
    var uninstall = false

    @Option(
      help: ArgumentHelp("How long the Snooze button puts a reminder off (e.g. 10m, 15m, 30s).", valueName: "duration"))
    var snooze = "10m"

    @Option(help: ArgumentHelp("Show an unanswered reminder once more after this long.", valueName: "duration"))
    var nudgeAfter = "15m"

    @Option(
      help: ArgumentHelp("Log an unanswered reminder as missed this long after it was shown.", valueName: "duration"))
    var missAfter = "1h"

    @Option(help: ArgumentHelp("Show reminders missed while off or asleep for up to this long.", valueName: "duration"))
    var catchUp = "3h"

    @Option(
      help: ArgumentHelp(
        "With sync set up (sync.toml): sync this often, and at start, after each answer, on unlock and resume.",
        valueName: "duration"))
    var syncEvery = "15m"

    @Option(
      help: ArgumentHelp(
        "Idle this long counts as away: reminders wait until you are back (0: never away).",
        valueName: "duration"))
    var awayAfter = "5m"

    @Flag(
      inversion: .prefixedNo,
      help: "Ask the notification server to play a sound with each reminder, or (--no-sound) to play none.")
    var sound = true

    @Flag(help: "Show reminders whether or not the screen is locked, you are away or do-not-disturb is on.")
    var noPresence = false

    func validate() throws {
      if install && uninstall {
        throw ValidationError("use --install or --uninstall, not both (example: tiptoe agent --install)")
      }
      _ = try settings()
      _ = try awayAfterSeconds()
    }

    func awayAfterSeconds() throws -> TimeInterval {
      if awayAfter == "0" { return 0 }
      return TimeInterval(
        try DurationArgument.seconds(awayAfter, argument: "--away-after", examples: "5m, 10m, 0 for never"))
    }

    func settings() throws -> ReminderSettings {
      func seconds(_ text: String, _ option: String) throws -> TimeInterval {
        TimeInterval(try DurationArgument.seconds(text, argument: "--" + option, examples: "10m, 1h30m, 45s"))
      }
      var settings = ReminderSettings()
      settings.snooze = try seconds(snooze, "snooze")
      settings.nudgeAfter = try seconds(nudgeAfter, "nudge-after")
      settings.missAfter = try seconds(missAfter, "miss-after")
      settings.catchUpWindow = try seconds(catchUp, "catch-up")
      _ = try seconds(syncEvery, "sync-every")
      return settings
    }

    /// Runs the agent; set only in the `tiptoe-agent` executable, which links GLib and libnotify.
    nonisolated(unsafe) static var runner: AgentRunner?

    func run() throws {
      if install || uninstall { return try service() }
      let context = try global.context()  // a bad routine or zone fails here, with its exit code
      // Only tiptoe-agent runs the agent, and only in a process that did not just create the history.
      guard let runner = Self.runner, try !createHistory(context.history) else { try Self.handOver() }
      let sources = RoutineSource.locateAll(explicit: global.routines, paths: context.paths)
      var configuration = AgentConfiguration(
        settings: try settings(), historyPath: context.history.path,
        loadPlanner: { try global.context().planner },
        // While the built-in routine is used, the user's file is watched, so creating it counts.
        routineFiles: sources.map { $0.path.map(absolute) ?? context.paths.routineFile })
      if global.routines.isEmpty && Environment["TIPTOE_ROUTINE"] == nil {
        configuration.routineFolders = [context.paths.configHome + "/tiptoe/routines"]
      }
      configuration.guideCommand = [Self.executablePath(), "guide"] + routineOptions
      if FileManager.default.fileExists(atPath: context.paths.configHome + "/tiptoe/sync.toml") {
        configuration.syncCommand = [Self.executablePath(), "sync"] + routineOptions
        configuration.syncEvery = TimeInterval(try DurationParser.seconds(syncEvery))
      }
      configuration.presence = !noPresence
      configuration.sound = sound
      configuration.awayAfter = try awayAfterSeconds()
      do {
        Foundation.exit(try runner(configuration))
      } catch let error as AgentError {
        if case .unsafeFile = error { throw CLIError.io(error.localizedDescription) }
        throw CLIError(message: error.localizedDescription, code: 1)
      } catch let error as StoreError {
        throw CLIError.io(error.localizedDescription)
      }
    }

    /// `--routine FILE` (absolute) and `--tz ZONE` as given, for the commands the agent starts.
    var routineOptions: [String] {
      var options: [String] = []
      for routine in global.routines { options += ["--routine", absolute(routine)] }
      if let tz = global.tz { options += ["--tz", tz] }
      return options
    }

    /// Creates the history if there is none yet; true if it did.
    ///
    /// Creating the file disposes of a GRDB dispatch queue, which starts a libdispatch worker thread
    /// and with it libdispatch's once-a-second pool monitor, for the rest of the process's life. The
    /// agent must sleep between reminders, so the process that runs it never creates the history.
    func createHistory(_ history: HistoryFile) throws -> Bool {
      guard !FileManager.default.fileExists(atPath: history.path) else { return false }
      try history.creatingIfMissing { _ in }  // closed before the exec, which runs no exit handlers
      Terminal.note("created the history at \(history.path)")
      return true
    }

    /// Replaces this process with the `tiptoe-agent` executable, with the same arguments.
    static func handOver() throws -> Never {
      let agent = try agentExecutable()
      execv(agent, CommandLine.unsafeArgv)
      throw CLIError(message: "cannot start \(agent): \(String(cString: strerror(errno)))", code: 1)
    }

    /// `tiptoe-agent` beside this binary (the build directory, or `bin/` when both are installed there),
    /// else in `../libexec/tiptoe/` (where `make install` puts it).
    static func agentExecutable() throws -> String {
      let directory = (executablePath() as NSString).deletingLastPathComponent
      let candidates = [directory + "/tiptoe-agent", directory + "/../libexec/tiptoe/tiptoe-agent"]
      guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw CLIError(
          message: "cannot find tiptoe-agent (looked for \(candidates.joined(separator: " and "))); "
            + "install tiptoe with 'make install'", code: 1)
      }
      return (found as NSString).standardizingPath
    }

    /// `--install` / `--uninstall`.
    func service() throws {
      let service = UserService()
      do {
        let lines: [String]
        if install {
          var arguments = ["agent"] + routineOptions
          if snooze != "10m" { arguments += ["--snooze", snooze] }
          if awayAfter != "5m" { arguments += ["--away-after", awayAfter] }
          if noPresence { arguments.append("--no-presence") }
          if !sound { arguments.append("--no-sound") }
          let binary = Self.executablePath()
          // Where `make install` or the package put the unit: PREFIX/lib/systemd/user beside PREFIX/bin.
          let installedUnit = ((binary as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("../lib/systemd/user/\(UserService.unitName)")
          lines = try service.install(
            binary: binary, arguments: arguments, installedUnit: (installedUnit as NSString).standardizingPath)
        } else {
          lines = try service.uninstall()
        }
        for line in lines { print(line) }
      } catch let error as AgentError {
        if case .unsafeWord = error { throw CLIError.usage(error.localizedDescription) }
        throw CLIError(message: error.localizedDescription, code: 1)
      }
    }

    func absolute(_ path: String) -> String {
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The running binary, with symlinks resolved.
    static func executablePath() -> String {
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
  }
}
