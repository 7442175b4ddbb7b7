import Foundation

/// What can go wrong talking to the desktop's notification server.
public enum NotifyError: Error, LocalizedError, Equatable {
  /// `notify_init` failed.
  case initFailed(appName: String)
  /// No server answered (none on the bus, or it failed): the D-Bus message.
  case noServer(String)
  /// Showing a notification failed for another reason.
  case showFailed(String)
  /// Closing a notification failed.
  case closeFailed(String)

  public var errorDescription: String? {
    switch self {
    case .initFailed(let appName): "cannot start libnotify for \(appName)"
    case .noServer(let message): "no notification server on the session bus (\(message))"
    case .showFailed(let message): "the notification server refused a notification: \(message)"
    case .closeFailed(let message): "cannot close a notification: \(message)"
    }
  }
}
