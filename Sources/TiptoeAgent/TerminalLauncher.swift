import CLibnotify
import Foundation

/// Opens a command in the user's terminal: `xdg-terminal-exec`, else `$TERMINAL -e`, else
/// `x-terminal-emulator -e` (Debian's alternative), the first of them that is installed.
struct TerminalLauncher: Equatable {
  /// The terminal's command line, to which the command to run is appended.
  let prefix: [String]

  /// The terminal to use now; nil when there is none (and reminders then have no Start button).
  static func find(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> TerminalLauncher? {
    let path = environment("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
    func locate(_ name: String) -> String? {
      guard !name.isEmpty else { return nil }
      if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
      return path.split(separator: ":").lazy.map { "\($0)/\(name)" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      }
    }
    if let found = locate("xdg-terminal-exec") { return TerminalLauncher(prefix: [found]) }
    if let terminal = environment("TERMINAL"), let found = locate(terminal) {
      return TerminalLauncher(prefix: [found, "-e"])
    }
    if let found = locate("x-terminal-emulator") { return TerminalLauncher(prefix: [found, "-e"]) }
    return nil
  }

  /// Starts the terminal running `command` and returns at once; GLib reaps it (a double fork).
  func open(_ command: [String]) throws {
    let arguments = prefix + command
    var argv: [UnsafeMutablePointer<gchar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var error: UnsafeMutablePointer<GError>?
    guard g_spawn_async(nil, &argv, nil, G_SPAWN_DEFAULT, nil, nil, nil, &error) != 0 else {
      let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
      g_clear_error(&error)
      throw LaunchError(message: "cannot start \(arguments[0]): \(message)")
    }
  }

  struct LaunchError: Error, LocalizedError {
    let message: String
    var errorDescription: String? { message }
  }
}
