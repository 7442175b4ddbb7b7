import Foundation
import TiptoeCore

/// Installs the agent as a systemd user service (`tiptoe agent --install`) and takes it out again.
///
/// The unit is `contrib/systemd/tiptoe.service` with `ExecStart` set to the running binary; where
/// `make install` or the package put that very unit beside the binary, that one is enabled instead.
/// Without a systemd user manager, an XDG autostart entry takes its place (`AutostartEntry`).
public struct UserService {
  public static let unitName = "tiptoe.service"

  /// The unit file's text, for `binary` started with `arguments` (e.g. `["agent"]`).
  public static func unit(binary: String, arguments: [String]) -> String {
    let command = ([binary] + arguments).map(quoted).joined(separator: " ")
    return """
      # tiptoe's reminder agent as a systemd user service, tied to the graphical session.
      # `tiptoe agent --install` writes this file to ~/.config/systemd/user/ with ExecStart
      # pointing at the tiptoe binary it was run as, then enables and starts it.
      [Unit]
      Description=tiptoe: reminders for your exercise routine
      PartOf=graphical-session.target
      After=graphical-session.target

      [Service]
      Type=simple
      ExecStart=\(command)
      Restart=on-failure
      RestartSec=5
      # The agent runs as tiptoe-agent (tiptoe hands over to it); its journal lines stay tagged tiptoe.
      SyslogIdentifier=tiptoe

      [Install]
      WantedBy=graphical-session.target

      """
  }

  /// `~/.config/systemd/user` (honouring `XDG_CONFIG_HOME`).
  public let unitDirectory: String
  /// `~/.config/autostart` (honouring `XDG_CONFIG_HOME`).
  public let autostartDirectory: String
  /// Runs `systemctl --user ARGS`; returns its exit status and output. Replaceable for tests.
  let systemctl: ([String]) throws -> (status: Int32, output: String)

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    let paths = XDGPaths(environment: environment)
    unitDirectory = paths.userUnitDirectory
    autostartDirectory = paths.autostartDirectory
    systemctl = Self.runSystemctl
  }

  public var unitPath: String { unitDirectory + "/" + Self.unitName }

  public var autostartPath: String { autostartDirectory + "/" + AutostartEntry.fileName }

  /// Writes the unit (or takes `installedUnit`, the one installed beside the binary, when it is the
  /// same), reloads systemd, enables and starts it; without a systemd user manager, writes the
  /// autostart entry instead. Returns what it did, line by line.
  public func install(binary: String, arguments: [String], installedUnit: String? = nil) throws -> [String] {
    if let word = ([binary] + arguments).first(where: { !Self.isUnitSafe($0) }) {
      throw AgentError.unsafeWord(word)
    }
    do {
      try checkSystemd()
    } catch AgentError.noSystemd(let reason) {
      return try installAutostart(binary: binary, arguments: arguments, reason: reason)
    }
    let text = Self.unit(binary: binary, arguments: arguments)
    if let installedUnit, (try? String(contentsOfFile: installedUnit, encoding: .utf8)) == text {
      return try enable(installedUnit)
    }
    var done: [String] = []
    do {
      try FileManager.default.createDirectory(atPath: unitDirectory, withIntermediateDirectories: true)
      try Self.unit(binary: binary, arguments: arguments).write(toFile: unitPath, atomically: true, encoding: .utf8)
    } catch {
      throw AgentError.cannotWrite(path: unitPath, reason: error.localizedDescription)
    }
    done.append("wrote \(unitPath) (ExecStart=\(binary) \(arguments.joined(separator: " ")))")
    try run(["daemon-reload"])
    done.append("ran systemctl --user daemon-reload")
    try run(["enable", "--now", Self.unitName])
    done.append(
      "ran systemctl --user enable --now \(Self.unitName): the agent runs now and with every graphical session")
    done.append("see it with: tiptoe status · journalctl --user -u tiptoe -f")
    return done
  }

  /// Enables and starts the unit that was installed with the binary: by name where systemd looks
  /// for units, else by path (systemd links it into the user's unit directory).
  private func enable(_ installedUnit: String) throws -> [String] {
    var done: [String] = []
    // A unit file of the user's own would hide the installed one.
    if (try? FileManager.default.destinationOfSymbolicLink(atPath: unitPath)) == nil,
      FileManager.default.fileExists(atPath: unitPath)
    {
      do {
        try FileManager.default.removeItem(atPath: unitPath)
      } catch {
        throw AgentError.cannotWrite(path: unitPath, reason: error.localizedDescription)
      }
      done.append("removed \(unitPath), an older copy of the unit")
    }
    try run(["daemon-reload"])
    done.append("ran systemctl --user daemon-reload")
    let directory = (installedUnit as NSString).deletingLastPathComponent
    let searched =
      (try? systemctl(["show", "--property=UnitPath", "--value"]))
      .map { $0.output.split(whereSeparator: \.isWhitespace).contains { $0 == directory } } ?? false
    let name = searched ? Self.unitName : installedUnit
    try run(["enable", "--now", name])
    done.append(
      "ran systemctl --user enable --now \(name) (the unit installed with tiptoe): the agent runs now and with "
        + "every graphical session")
    done.append("see it with: tiptoe status · journalctl --user -u tiptoe -f")
    return done
  }

  /// Where there is no systemd user manager: writes the XDG autostart entry.
  private func installAutostart(binary: String, arguments: [String], reason: String) throws -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: autostartDirectory, withIntermediateDirectories: true)
      try AutostartEntry.text(binary: binary, arguments: arguments).write(
        toFile: autostartPath, atomically: true, encoding: .utf8)
    } catch {
      throw AgentError.cannotWrite(path: autostartPath, reason: error.localizedDescription)
    }
    return [
      "no systemd user manager here (\(reason))",
      "wrote \(autostartPath) (Exec=\(binary) \(arguments.joined(separator: " "))): "
        + "the agent starts with your next graphical session",
      "start it now with: tiptoe agent &    see it with: tiptoe status",
    ]
  }

  /// Removes the autostart entry; what it did, or nil when there was none.
  private func removeAutostart() throws -> String? {
    guard FileManager.default.fileExists(atPath: autostartPath) else { return nil }
    do {
      try FileManager.default.removeItem(atPath: autostartPath)
    } catch {
      throw AgentError.cannotWrite(path: autostartPath, reason: error.localizedDescription)
    }
    return "removed \(autostartPath)"
  }

  /// Stops and disables the unit, removes its file, reloads systemd, and removes an autostart entry;
  /// returns what it did.
  public func uninstall() throws -> [String] {
    let autostart = try removeAutostart()
    do {
      try checkSystemd()
    } catch AgentError.noSystemd(let reason) {
      guard let autostart else { throw AgentError.noSystemd(reason) }
      return [autostart]
    }
    var done: [String] = autostart.map { [$0] } ?? []
    let (status, output) = try systemctl(["disable", "--now", Self.unitName])
    done.append(
      status == 0
        ? "ran systemctl --user disable --now \(Self.unitName)"
        : "\(Self.unitName) was not enabled (\(output.trimmingCharacters(in: .whitespacesAndNewlines)))")
    if FileManager.default.fileExists(atPath: unitPath) {
      do {
        try FileManager.default.removeItem(atPath: unitPath)
      } catch {
        throw AgentError.cannotWrite(path: unitPath, reason: error.localizedDescription)
      }
      done.append("removed \(unitPath)")
    } else {
      done.append("\(unitPath) was not there")
    }
    try run(["daemon-reload"])
    done.append("ran systemctl --user daemon-reload")
    return done
  }

  /// Throws `noSystemd` unless a user manager answers.
  private func checkSystemd() throws {
    let result: (status: Int32, output: String)
    do {
      result = try systemctl(["show", "--property=Version"])
    } catch {
      throw AgentError.noSystemd(error.localizedDescription)
    }
    guard result.status == 0 else {
      let output = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
      throw AgentError.noSystemd(output.isEmpty ? "systemctl --user exited \(result.status)" : output)
    }
  }

  private func run(_ arguments: [String]) throws {
    let (status, output) = try systemctl(arguments)
    guard status == 0 else {
      throw AgentError.systemctl(
        command: "systemctl --user " + arguments.joined(separator: " "),
        output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
  }

  static func runSystemctl(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
      .map { $0 + "/systemctl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else { throw AgentError.noSystemd("no systemctl on PATH") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["--user"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// An ExecStart word as systemd.service(5) and systemd.unit(5) read it, scalar by scalar: `%`
  /// doubled (a specifier otherwise) and `$` doubled (an environment variable otherwise); quoted,
  /// with `\` and `"` escaped, when it holds a space, a tab, a quote, a backslash or a `;`. Control
  /// characters have no escape here: `install` refuses them (`isUnitSafe`).
  static func quoted(_ word: String) -> String {
    var escaped = String.UnicodeScalarView()
    var needsQuotes = false
    for scalar in word.unicodeScalars {
      switch scalar {
      case "%", "$": escaped.append(scalar)
      case "\\", "\"": escaped.append("\\")
      default: break
      }
      if " \t\"\\';".unicodeScalars.contains(scalar) { needsQuotes = true }
      escaped.append(scalar)
    }
    return needsQuotes ? "\"" + String(escaped) + "\"" : String(escaped)
  }

  /// Whether `word` can go into a unit or desktop entry line: no control character (a line feed
  /// would start a directive of its own) and no bidirectional override, as `DisplayText` defines them.
  public static func isUnitSafe(_ word: String) -> Bool { DisplayText.clean(word) == word }
}

extension UserService {
  /// `systemctl --user is-active tiptoe.service` ("active", "inactive", "failed" …) when the unit is
  /// installed; nil when it is not.
  public func activeState() -> String? {
    // Enabling a unit installed with tiptoe leaves only its link among the session's wants.
    let wanted = unitDirectory + "/graphical-session.target.wants/" + Self.unitName
    guard FileManager.default.fileExists(atPath: unitPath) || FileManager.default.fileExists(atPath: wanted) else {
      return nil
    }
    guard let (_, output) = try? systemctl(["is-active", Self.unitName]) else { return "unknown (no systemctl)" }
    let state = output.trimmingCharacters(in: .whitespacesAndNewlines)
    return state.isEmpty ? "unknown" : state
  }
}
