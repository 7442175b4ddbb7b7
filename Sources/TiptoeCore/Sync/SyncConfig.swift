import Foundation

/// `$XDG_CONFIG_HOME/tiptoe/sync.toml`: where `tiptoe sync` shares the plan and the history.
///
///     [caldav]
///     url = "https://dav.example.org/alice/"
///     username = "alice"
///     password_command = ["secret-tool", "lookup", "service", "tiptoe"]   # or password_file = "..."
///     device = "laptop"
///
/// Parsed here (every error names the file, line and column); the file's mode, the password and the
/// network are the sync module's.
public struct SyncConfig: Hashable, Sendable {
  /// Where the password comes from.
  public enum Password: Hashable, Sendable {
    /// A command whose standard output (first line) is the password.
    case command([String])
    /// A file holding it (first line).
    case file(String)
    /// Written in sync.toml itself.
    case inline(String)
  }

  /// The calendar home, or the server's root (then found by discovery).
  public var url: URL
  public var username: String?
  public var password: Password?
  /// This device's name in the shared history; nil: the host name.
  public var device: String?

  public init(url: URL, username: String? = nil, password: Password? = nil, device: String? = nil) {
    self.url = url
    self.username = username
    self.password = password
    self.device = device
  }

  static let keys = ["url", "username", "password_command", "password_file", "password", "device"]

  /// Reads the text of sync.toml; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> SyncConfig {
    let root = try TOMLParser.parse(text, file: file)
    let reader = RoutineReader(file: file)
    try reader.checkKeys(root, allowed: ["caldav"], name: "sync.toml")
    guard let table = try reader.table(root, "caldav") else {
      throw CoreError.missingKey("[caldav]", in: "sync.toml", at: reader.location(root))
    }
    try reader.checkKeys(table, allowed: keys, name: "[caldav]")
    guard let text = try reader.string(table, "url") else {
      throw CoreError.missingKey("url", in: "[caldav]", at: reader.location(table))
    }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
      url.host?.isEmpty == false
    else {
      throw CoreError.invalidValue(
        key: "CalDAV url", value: text, example: "https://dav.example.org/alice/", at: reader.location(of: table["url"])
      )
    }
    var passwords: [Password] = []
    if let command = try reader.strings(table, "password_command") {
      guard !command.isEmpty else {
        throw CoreError.invalidValue(
          key: "password_command", value: "[]", example: "[\"secret-tool\", \"lookup\", \"service\", \"tiptoe\"]",
          at: reader.location(of: table["password_command"]))
      }
      passwords.append(.command(command.map(\.0)))
    }
    if let path = try reader.string(table, "password_file") { passwords.append(.file(path)) }
    if let password = try reader.string(table, "password") { passwords.append(.inline(password)) }
    if passwords.count > 1 {
      throw CoreError.cannotPlan(
        "give one of password_command, password_file and password, not several", at: reader.location(table))
    }
    let device = try reader.string(table, "device")
    if let device, device.isEmpty || device.contains(where: { $0.isNewline }) {
      throw CoreError.invalidValue(
        key: "device name", value: device, example: "\"laptop\"", at: reader.location(of: table["device"]))
    }
    return SyncConfig(
      url: url, username: try reader.string(table, "username"), password: passwords.first, device: device)
  }

  /// The file's text, as `tiptoe sync --setup` writes it (an inline password is never written).
  public var toml: String {
    func quoted(_ text: String) -> String {
      var out = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
          out += String(format: "\\u%04X", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out + "\""
    }
    var lines = ["[caldav]", "url = " + quoted(url.absoluteString)]
    if let username { lines.append("username = " + quoted(username)) }
    switch password {
    case .command(let command)?:
      lines.append("password_command = [" + command.map(quoted).joined(separator: ", ") + "]")
    case .file(let path)?: lines.append("password_file = " + quoted(path))
    case .inline?, nil: break
    }
    if let device { lines.append("device = " + quoted(device)) }
    return lines.joined(separator: "\n") + "\n"
  }
}
