import ArgumentParser
import Foundation
import TiptoeCore

/// Runs one sync round; set only in the `tiptoe-agent` executable, which links the network code.
public typealias SyncRunner = (SyncRequest) throws -> SyncReport

extension Tiptoe {
  /// `tiptoe sync [--json]`: one round with the CalDAV server of sync.toml.
  struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sync",
      abstract: "Share the plan and the history with a CalDAV server (Radicale, Nextcloud, …), once.",
      discussion: """
        Reads ~/.config/tiptoe/sync.toml ([caldav] url, username, password_command or password_file, \
        device). Sends what you did here since the last round, takes what was done on your other \
        devices and phone (the newer action wins), and keeps the collections tiptoe-plan/ and \
        tiptoe-log/ up to date. Prints one line (--json: an object).
        Exit status: 0 done, 69 the server cannot be reached (nothing is lost: the next round sends \
        it), 77 the server refused the user name or password, 78 sync.toml is missing or unusable.
        Example: tiptoe sync
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the summary as JSON (server, device, created, sent, received, plan, conflicts).")
    var json = false

    @Option(
      help: ArgumentHelp(
        "Write sync.toml for this calendar home or server (asks the user name and password command), check it, sync.",
        valueName: "url"))
    var setup: String?

    func validate() throws {
      guard let setup else { return }
      guard let url = URL(string: setup), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
        url.host?.isEmpty == false
      else {
        throw ValidationError(
          "--setup: '\(setup)' is not an http(s) URL (example: --setup https://dav.example.org/alice/)")
      }
    }

    nonisolated(unsafe) static var runner: SyncRunner?

    func run() throws {
      let context = try global.context()
      guard let runner = Self.runner else { try Agent.handOver() }
      let planner = context.planner
      let (now, zoneName) = (context.now, context.zoneName)
      var request = SyncRequest(
        planner: planner, now: now, today: context.today, configPath: context.paths.configHome + "/tiptoe/sync.toml",
        historyPath: context.history.path, hostName: Self.hostName()
      ) { from in
        SystemZone.withNames(of: zoneName) { names in
          var exporter = ICalendarExporter(planner: planner, stamp: now)
          exporter.zoneNames = names
          var text = ""
          exporter.write(.series, from: from, to: &text)
          return text
        }
      }
      if let setup, let url = URL(string: setup) { request.setup = Self.ask(url: url) }
      let report = try runner(request)
      if request.setup != nil && !json {
        print("Found the calendar home \(report.home ?? setup ?? ""); wrote \(request.configPath).")
      }
      if json {
        print(
          JSON.object([
            ("server", .string(report.server)), ("device", .string(report.device)),
            ("created", .array(report.created.map(JSON.string))), ("sent", .int(report.sent)),
            ("received", .int(report.received)), ("plan", .int(report.planChanges)),
            ("conflicts", .int(report.conflicts)),
          ]).text)
      } else {
        print(Self.summary(report))
      }
    }

    /// The user name, password command and device name, asked on the terminal.
    static func ask(url: URL) -> SyncConfig {
      func answer(_ question: String) -> String? {
        FileHandle.standardError.write(Data(question.utf8))
        let line = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty ? nil : line
      }
      let username = answer("User name on \(url.host ?? "the server") (empty: none): ")
      let command =
        answer("Command that prints the password [secret-tool lookup service tiptoe]: ")
        .map { $0.split(separator: " ").map(String.init) } ?? ["secret-tool", "lookup", "service", "tiptoe"]
      let device = answer("This device's name [\(hostName())]: ")
      return SyncConfig(
        url: url, username: username, password: username == nil ? nil : .command(command), device: device)
    }

    /// `Synced with dav.example.org as laptop: 2 sent, 1 received, plan unchanged.`
    static func summary(_ report: SyncReport) -> String {
      var line = "Synced with \(report.server) as \(report.device): \(report.sent) sent, \(report.received) received"
      line += report.planChanges == 0 ? ", plan unchanged" : ", \(report.planChanges) plan events updated"
      if !report.created.isEmpty { line += "; created \(report.created.joined(separator: " and "))" }
      return line + "."
    }

    /// This machine's name: the device's name when sync.toml names none.
    static func hostName() -> String {
      var buffer = [CChar](repeating: 0, count: 256)
      guard gethostname(&buffer, buffer.count - 1) == 0 else { return "this-device" }
      let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return name.isEmpty ? "this-device" : name
    }
  }
}
