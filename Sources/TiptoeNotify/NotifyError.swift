import CLibnotify
import Foundation

/// What can go wrong talking to the desktop's notification server.
public enum NotifyError: Error, LocalizedError, Equatable {
  /// `notify_init` failed.
  case initFailed(appName: String)
  /// No server answered (none on the bus, or it failed): the D-Bus message.
  case noServer(String)
  /// The server is there but did not answer a notification within D-Bus's timeout.
  case noReply(String)
  /// Showing a notification failed for another reason.
  case showFailed(String)
  /// Closing a notification failed.
  case closeFailed(String)

  public var errorDescription: String? {
    switch self {
    case .initFailed(let appName): "cannot start libnotify for \(appName)"
    case .noServer(let message): "no notification server on the session bus (\(message))"
    case .noReply(let message): "the notification server did not answer (\(message))"
    case .showFailed(let message): "the notification server refused a notification: \(message)"
    case .closeFailed(let message): "cannot close a notification: \(message)"
    }
  }

  /// What a failed show means: D-Bus and I/O errors (ServiceUnknown, no bus at all) that nobody is
  /// there to show it, a timeout that the server hangs.
  static func showing(_ error: BusError) -> NotifyError {
    let dbus = error.domain == g_dbus_error_quark()
    let io = error.domain == g_io_error_quark()
    let timedOut =
      (dbus && error.code == Int32(G_DBUS_ERROR_NO_REPLY.rawValue))
      || (io && error.code == Int32(G_IO_ERROR_TIMED_OUT.rawValue))
    if timedOut {
      return .noReply(error.message)
    }
    return dbus || io ? .noServer(error.message) : .showFailed(error.message)
  }
}

/// A GError from a call to the server, copied out of GLib.
struct BusError {
  let message: String
  let domain: GQuark
  let code: Int32

  init(_ error: UnsafeMutablePointer<GError>?) {
    message = String(cString: tiptoe_error_message(error))
    domain = error?.pointee.domain ?? 0
    code = error?.pointee.code ?? 0
  }
}
