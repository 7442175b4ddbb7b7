import Foundation

/// What one `tiptoe sync` round did, for its summary line and `--json`.
public struct SyncReport: Hashable, Sendable {
  /// The server's host (never the user name or password).
  public var server: String
  /// This device's name.
  public var device: String
  /// The calendar home the round used (found by discovery when the URL is a server's root).
  public var home: String?
  /// Collections created on the server this round.
  public var created: [String] = []
  /// Plan events written (changed routine) or removed.
  public var planChanges = 0
  /// Slot VTODOs written to the server.
  public var sent = 0
  /// User actions from elsewhere appended to the history.
  public var received = 0
  /// Times the server held a newer copy than expected (412), merged and retried.
  public var conflicts = 0

  public init(server: String, device: String) {
    self.server = server
    self.device = device
  }
}

/// An error that calls for a particular exit status (sysexits.h: 69 unavailable, 77 no permission).
public protocol ExitStatusError: LocalizedError {
  var exitStatus: Int32 { get }
}
