import CLibnotify

/// One desktop notification (a `NotifyNotification`): text, urgency, hints, buttons, and its
/// lifetime on the server.
///
/// While shown it keeps itself alive until the server reports it closed (or ``close()`` is called),
/// so its button callbacks can always fire. Make it with ``Notifier/notification(title:body:icon:)``.
public final class DesktopNotification {
  /// How insistent the notification is.
  public enum Urgency: Sendable {
    case low, normal, critical
  }

  /// How long the server shows it.
  public enum Timeout: Sendable, Equatable {
    /// The server's choice.
    case serverDefault
    /// Until the user or the program closes it.
    case never
    case milliseconds(Int32)
  }

  /// Why a notification closed (the spec's reasons).
  public enum CloseReason: Int32, Sendable {
    case expired = 1, dismissed = 2, closedByCall = 3, undefined = 4
  }

  let handle: UnsafeMutablePointer<NotifyNotification>
  private var keepAlive: DesktopNotification?
  private var closedHandler: ((CloseReason) -> Void)?
  private var closedBox: Box?

  init(title: String, body: String, icon: String?) {
    handle = notify_notification_new(title, body, icon)
  }

  deinit {
    g_object_unref(handle)
  }

  func update(title: String, body: String, icon: String?) {
    _ = notify_notification_update(handle, title, body, icon)
  }

  func setAppName(_ name: String) { tiptoe_notification_set_app_name(handle, name) }

  /// The server's id once shown (0 before); setting it makes the next show replace that notification,
  /// even one shown by an earlier process.
  public var id: Int32 {
    get { tiptoe_notification_id(handle) }
    set { tiptoe_notification_set_id(handle, newValue) }
  }

  public func setUrgency(_ urgency: Urgency) {
    let value: NotifyUrgency
    switch urgency {
    case .low: value = NOTIFY_URGENCY_LOW
    case .normal: value = NOTIFY_URGENCY_NORMAL
    case .critical: value = NOTIFY_URGENCY_CRITICAL
    }
    notify_notification_set_urgency(handle, value)
  }

  public func setTimeout(_ timeout: Timeout) {
    switch timeout {
    case .serverDefault: notify_notification_set_timeout(handle, NOTIFY_EXPIRES_DEFAULT)
    case .never: notify_notification_set_timeout(handle, NOTIFY_EXPIRES_NEVER)
    case .milliseconds(let value): notify_notification_set_timeout(handle, value)
    }
  }

  /// The spec's category, e.g. `"x-tiptoe.reminder"`.
  public func setCategory(_ category: String) { notify_notification_set_category(handle, category) }

  /// The `desktop-entry` hint: the basename of the app's .desktop file, e.g. `"tiptoe"`.
  public func setDesktopEntry(_ name: String) { setHint(name, for: "desktop-entry") }

  public func setHint(_ value: String, for key: String) { tiptoe_set_hint_string(handle, key, value) }

  public func setHint(_ value: Bool, for key: String) { tiptoe_set_hint_bool(handle, key, value ? 1 : 0) }

  /// Adds a button; `handler` gets the action key when it is pressed (on the main loop).
  public func addAction(_ key: String, label: String, handler: @escaping (String) -> Void) {
    let box = Unmanaged.passRetained(Box(action: handler)).toOpaque()
    notify_notification_add_action(
      handle, key, label,
      { _, action, data in
        guard let data else { return }
        let box = Unmanaged<Box>.fromOpaque(data).takeUnretainedValue()
        box.action?(action.map { String(cString: $0) } ?? "")
      }, box,
      { data in
        guard let data else { return }
        Unmanaged<Box>.fromOpaque(data).release()
      })
  }

  /// Removes every button (before adding a new set for an update).
  public func clearActions() { notify_notification_clear_actions(handle) }

  /// Called once when the server closes the notification, with the reason.
  public func onClosed(_ handler: @escaping (CloseReason) -> Void) {
    closedHandler = handler
    guard closedBox == nil else { return }
    let box = Box(closed: { [weak self] in self?.serverClosed() })
    closedBox = box
    _ = tiptoe_connect_closed(
      handle,
      { _, data in
        guard let data else { return }
        Unmanaged<Box>.fromOpaque(data).takeUnretainedValue().closed?()
      }, Unmanaged.passRetained(box).toOpaque(),
      { data, _ in
        guard let data else { return }
        Unmanaged<Box>.fromOpaque(data).release()
      })
  }

  /// Sends it to the server (again, replacing it in place, when it was shown before).
  public func show() throws {
    if closedBox == nil { onClosed { _ in } }
    var error: UnsafeMutablePointer<GError>?
    if notify_notification_show(handle, &error) == 0 {
      let message = String(cString: tiptoe_error_message(error))
      let domain = error.map { $0.pointee.domain } ?? 0
      g_clear_error(&error)
      // D-Bus and I/O errors (ServiceUnknown, NoReply, no bus at all) mean nobody is there to show it.
      let unreachable = domain == g_dbus_error_quark() || domain == g_io_error_quark()
      throw unreachable ? NotifyError.noServer(message) : NotifyError.showFailed(message)
    }
    keepAlive = self
  }

  /// Asks the server to close it; the object may be dropped afterwards.
  public func close() throws {
    defer { keepAlive = nil }
    var error: UnsafeMutablePointer<GError>?
    if notify_notification_close(handle, &error) == 0 {
      let message = String(cString: tiptoe_error_message(error))
      g_clear_error(&error)
      throw NotifyError.closeFailed(message)
    }
  }

  /// Lets it go without asking the server: the server that showed it is gone (its id may already
  /// name another notification on the next one).
  public func abandon() { keepAlive = nil }

  /// Whether it is shown and not closed yet, as far as this process knows.
  public var isOpen: Bool { keepAlive != nil }

  private func serverClosed() {
    let reason = CloseReason(rawValue: notify_notification_get_closed_reason(handle)) ?? .undefined
    let handler = closedHandler
    keepAlive = nil
    handler?(reason)
  }

  /// What a C callback's user data points at.
  final class Box {
    let action: ((String) -> Void)?
    let closed: (() -> Void)?

    init(action: ((String) -> Void)? = nil, closed: (() -> Void)? = nil) {
      self.action = action
      self.closed = closed
    }
  }
}
