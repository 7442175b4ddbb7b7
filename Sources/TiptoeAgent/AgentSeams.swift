import Foundation
import TiptoeNotify

/// The one wake-up the agent sleeps until. In production a ``WakeTimer`` (a timerfd on the GLib
/// loop); a simulation passes a virtual one that its clock jumps to.
package protocol AgentTimer: AnyObject {
  /// Fires at `instant` (at once when it has passed); disarmed when nil.
  func arm(at instant: Date?) throws
}

extension WakeTimer: AgentTimer {}

/// One notification as the agent uses it. In production a libnotify ``DesktopNotification``.
package protocol AgentNotification: AnyObject {
  /// The server's id once shown (0 before); set, the next show replaces that notification.
  var id: Int32 { get set }
  /// The server answered a show with the id, or the id was set: it can be replaced and closed.
  var isShown: Bool { get }
  func setUrgency(_ urgency: DesktopNotification.Urgency)
  func setTimeout(_ timeout: DesktopNotification.Timeout)
  func setCategory(_ category: String)
  func setDesktopEntry(_ name: String)
  /// The freedesktop sound hints: `sound-name` "message-new-instant" when on, `suppress-sound` when off.
  func setSound(_ on: Bool)
  /// The `x-dunst-stack-tag` hint: the server replaces a notification with the same tag.
  func setStackTag(_ tag: String)
  func clearActions()
  /// Adds a button; `handler` gets the action key when it is pressed.
  func addAction(_ key: String, label: String, handler: @escaping (String) -> Void)
  /// Called once when the server closes the notification.
  func onClosed(_ handler: @escaping (DesktopNotification.CloseReason) -> Void)
  /// Sends it without waiting; `completion` gets the server's answer (the id is known by then).
  func show(completion: @escaping (NotifyError?) -> Void)
  /// Asks the server to close it (after a show under way is answered) without waiting.
  func close(completion: @escaping (NotifyError?) -> Void)
  /// Closes it before returning, on the way out (no loop is left to hear the answer); false while a
  /// show or close is under way, which the notification waits for.
  func closeNow() -> Bool
  /// Lets it go without a word to the server (the server that showed it went away).
  func abandon()
}

extension DesktopNotification: AgentNotification {
  package func setStackTag(_ tag: String) { setHint(tag, for: "x-dunst-stack-tag") }

  package func setSound(_ on: Bool) {
    if on { setHint("message-new-instant", for: "sound-name") } else { setHint(true, for: "suppress-sound") }
  }
}

/// The notification server as the agent uses it. In production libnotify's ``Notifier``; a
/// simulation passes one that records what is shown and presses its buttons.
package protocol AgentNotifier: AnyObject {
  /// What the server said on the last ``connect()``; nil before, and after ``forget()``.
  var server: ServerInfo? { get }
  /// The server's name and capabilities, asked once and then remembered.
  func connect() throws -> ServerInfo
  /// Drops what is known about the server (it went away).
  func forget()
  /// A new notification; `body` is plain text.
  func makeNotification(title: String, body: String) -> any AgentNotification
  /// Changes the text of `notification` (shown again with `show()`).
  func refresh(_ notification: any AgentNotification, title: String, body: String, icon: String?)
}

extension Notifier: AgentNotifier {
  package func makeNotification(title: String, body: String) -> any AgentNotification {
    notification(title: title, body: body)
  }

  package func refresh(_ notification: any AgentNotification, title: String, body: String, icon: String?) {
    guard let notification = notification as? DesktopNotification else { return }
    update(notification, title: title, body: body, icon: icon)
  }
}
