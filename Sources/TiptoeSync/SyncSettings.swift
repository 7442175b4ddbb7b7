import Foundation
import TiptoeCore

/// sync.toml read and checked: the calendar home's URL, the credentials, this device's name.
struct SyncSettings {
  let url: URL
  let username: String?
  let password: String?
  let device: String

  /// The server's host, as messages name it.
  var host: String { url.host ?? url.absoluteString }

  /// Reads `path`: refused when it holds a password and others can read it, when the URL is plain
  /// `http://` to a host other than this machine, or when the password cannot be had.
  static func load(path: String, hostName: String) throws -> SyncSettings {
    guard let data = FileManager.default.contents(atPath: path) else {
      if FileManager.default.fileExists(atPath: path) {
        throw SyncError.config(path: path, reason: "cannot read it (\(String(cString: strerror(errno))))")
      }
      throw SyncError.notConfigured(path: path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SyncError.config(path: path, reason: "not UTF-8 text")
    }
    let config = try SyncConfig.parse(text, file: path)
    if case .inline = config.password { try checkPrivate(path, what: "it holds a password") }
    return try SyncSettings(config, path: path, hostName: hostName)
  }

  /// The settings `config` (from `path`, for messages) gives; runs the password command.
  init(_ config: SyncConfig, path: String, hostName: String) throws {
    try Self.checkScheme(config.url, path: path)
    url = config.url
    username = config.username
    password = try config.password.map { try Self.read($0, config: path) }
    device = config.device ?? hostName
  }

  /// A file holding a password must be readable by its owner alone (mode 0600 or 0400).
  static func checkPrivate(_ path: String, what: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw SyncError.config(path: path, reason: "cannot read it (\(String(cString: strerror(errno))))")
    }
    if info.st_mode & 0o077 != 0 {
      let mode = String(info.st_mode & 0o777, radix: 8)
      throw SyncError.config(
        path: path, reason: "\(what) but others may read it (mode \(mode)); run: chmod 600 \(path)")
    }
  }

  /// `https://` anywhere; `http://` only to this machine, where nothing crosses a network.
  static func checkScheme(_ url: URL, path: String) throws {
    guard url.scheme?.lowercased() == "http" else { return }
    let host = (url.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
    if !loopback {
      throw SyncError.config(
        path: path,
        reason: "plain http:// to \(host) would send the password unencrypted; use https:// "
          + "(http:// is accepted only for localhost and 127.0.0.1)")
    }
  }

  /// The password's first line, from its command or file.
  static func read(_ source: SyncConfig.Password, config path: String) throws -> String {
    switch source {
    case .inline(let password):
      return password
    case .file(let file):
      let expanded = (file as NSString).expandingTildeInPath
      try checkPrivate(expanded, what: "password_file \(expanded) holds a password")
      guard let data = FileManager.default.contents(atPath: expanded), let text = String(data: data, encoding: .utf8)
      else { throw SyncError.config(path: path, reason: "cannot read password_file \(expanded)") }
      return firstLine(text)
    case .command(let command):
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = command
      let output = Pipe()
      process.standardOutput = output
      do { try process.run() } catch {
        throw SyncError.config(path: path, reason: "cannot run password_command \(command[0])")
      }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw SyncError.config(
          path: path, reason: "password_command \(command[0]) failed (exit status \(process.terminationStatus))")
      }
      return firstLine(String(decoding: data, as: UTF8.self))
    }
  }

  static func firstLine(_ text: String) -> String {
    String(text.prefix { $0 != "\n" && $0 != "\r" })
  }
}
