import Foundation
import TiptoeCore

/// Everything that can stop a sync round. Messages never hold the password.
public enum SyncError: ExitStatusError, Equatable {
  /// No sync.toml.
  case notConfigured(path: String)
  /// sync.toml or the password source cannot be used as it is.
  case config(path: String, reason: String)
  /// The server cannot be reached (no network, refused, timed out, bad certificate).
  case unreachable(host: String, reason: String)
  /// The server refused the user name or password.
  case refused(host: String, status: Int)
  /// The server answered something a CalDAV server should not.
  case server(host: String, what: String, status: Int)
  /// The history cannot be read or written.
  case history(String)

  public var errorDescription: String? {
    switch self {
    case .notConfigured(let path):
      return "sync is not set up: no \(path) (see 'CalDAV sync' in the README; example: tiptoe sync --setup "
        + "https://dav.example.org/alice/)"
    case .config(let path, let reason):
      return "\(path): \(reason)"
    case .unreachable(let host, let reason):
      return "cannot reach \(host): \(reason); what you did is kept and sent next time"
    case .refused(let host, let status):
      return "\(host) refused the user name or password (HTTP \(status)); check username and the password in sync.toml"
    case .server(let host, let what, let status):
      return "\(host) answered HTTP \(status) to \(what)"
    case .history(let message):
      return message
    }
  }

  public var exitStatus: Int32 {
    switch self {
    case .notConfigured, .config: 78
    case .unreachable: 69
    case .refused: 77
    case .server: 76
    case .history: 74
    }
  }
}
