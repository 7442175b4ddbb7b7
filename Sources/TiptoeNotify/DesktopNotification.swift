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
  /// A show or close is on its way to the server (on a worker thread, which owns `handle` until the
  /// answer): what is asked meanwhile waits in `queued`, in order.
  private var busy = false
  private var queued: [() -> Void] = []
  private var knownID: Int32 = 0

  init(title: String, body: String, icon: String?) {
    handle = notify_notification_new(title, body, icon)
  }

  deinit {
    g_object_unref(handle)
  }

  func update(title: String, body: String, icon: String?) {
    whenIdle { [handle] in _ = notify_notification_update(handle, title, body, icon) }
  }

  func setAppName(_ name: String) { whenIdle { [handle] in tiptoe_notification_set_app_name(handle, name) } }

  /// The server's id once a show was answered (0 before); setting it makes the next show replace that
  /// notification, even one shown by an earlier process.
  public var id: Int32 {
    get { knownID }
    set {
      knownID = newValue
      isShown = true
      whenIdle { [handle] in tiptoe_notification_set_id(handle, newValue) }
    }
  }

  /// The server answered a show with its ``id`` (or the id was set): it can be replaced and closed.
  /// Not the id's value: notify-osd gives its first notification the id 0.
  public private(set) var isShown = false

  public func setUrgency(_ urgency: Urgency) {
    let value: NotifyUrgency
    switch urgency {
    case .low: value = NOTIFY_URGENCY_LOW
    case .normal: value = NOTIFY_URGENCY_NORMAL
    case .critical: value = NOTIFY_URGENCY_CRITICAL
    }
    whenIdle { [handle] in notify_notification_set_urgency(handle, value) }
  }

  public func setTimeout(_ timeout: Timeout) {
    let value: Int32
    switch timeout {
    case .serverDefault: value = NOTIFY_EXPIRES_DEFAULT
    case .never: value = NOTIFY_EXPIRES_NEVER
    case .milliseconds(let milliseconds): value = milliseconds
    }
    whenIdle { [handle] in notify_notification_set_timeout(handle, value) }
  }

  /// The spec's category, e.g. `"x-tiptoe.reminder"`.
  public func setCategory(_ category: String) {
    whenIdle { [handle] in notify_notification_set_category(handle, category) }
  }

  /// The `desktop-entry` hint: the basename of the app's .desktop file, e.g. `"tiptoe"`.
  public func setDesktopEntry(_ name: String) { setHint(name, for: "desktop-entry") }

  public func setHint(_ value: String, for key: String) {
    whenIdle { [handle] in tiptoe_set_hint_string(handle, key, value) }
  }

  public func setHint(_ value: Bool, for key: String) {
    whenIdle { [handle] in tiptoe_set_hint_bool(handle, key, value ? 1 : 0) }
  }

  /// Adds a button; `handler` gets the action key when it is pressed (on the main loop).
  public func addAction(_ key: String, label: String, handler: @escaping (String) -> Void) {
    whenIdle { [handle] in
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
  }

  /// Removes every button (before adding a new set for an update).
  public func clearActions() { whenIdle { [handle] in notify_notification_clear_actions(handle) } }

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

  /// Sends it to the server (again, replacing it in place, when it was shown before) without waiting
  /// for the answer: `completion` gets it on the main loop, with the ``id`` known when it succeeded.
  /// A server that never answers holds only this notification: what is asked of it meanwhile waits.
  public func show(completion: @escaping (NotifyError?) -> Void) {
    if closedBox == nil { onClosed { _ in } }
    whenIdle { [self] in
      send(close: false) { [self] error in
        if error == nil {
          keepAlive = self
          isShown = true
        }
        completion(error.map { NotifyError.showing($0) })
      }
    }
  }

  /// Asks the server to close it, once a show under way is answered, without waiting; the object may
  /// be dropped afterwards. Never shown, there is nothing to close.
  public func close(completion: @escaping (NotifyError?) -> Void = { _ in }) {
    keepAlive = nil
    whenIdle { [self] in
      guard isShown else { return completion(nil) }
      send(close: true) { error in completion(error.map { NotifyError.closeFailed($0.message) }) }
    }
  }

  /// Closes it before returning, on the way out (no loop is left to hear an answer). False, doing
  /// nothing, while a show or close is under way: a worker thread owns the notification until then.
  @discardableResult
  public func closeNow() -> Bool {
    guard !busy else { return false }
    keepAlive = nil
    guard isShown else { return true }
    var error: UnsafeMutablePointer<GError>?
    _ = notify_notification_close(handle, &error)
    g_clear_error(&error)
    return true
  }

  /// Lets it go without asking the server: the server that showed it is gone (its id may already
  /// name another notification on the next one).
  public func abandon() { keepAlive = nil }

  /// Whether it is shown and not closed yet, as far as this process knows.
  public var isOpen: Bool { keepAlive != nil }

  /// Runs `work` now, or after the show or close under way is answered.
  private func whenIdle(_ work: @escaping () -> Void) {
    if busy { queued.append(work) } else { work() }
  }

  /// Shows or closes it from a worker thread; `done` runs on the main loop with the error.
  private func send(close: Bool, done: @escaping (BusError?) -> Void) {
    busy = true
    let reply = Box(reply: { [self] result in
      var error: UnsafeMutablePointer<GError>?
      let failure = tiptoe_task_finish(result, &error) == 0 ? BusError(error) : nil
      g_clear_error(&error)
      knownID = tiptoe_notification_id(handle)
      busy = false
      done(failure)
      while !busy, !queued.isEmpty { queued.removeFirst()() }
    })
    tiptoe_call_async(
      handle, close ? 1 : 0,
      { _, result, data in
        guard let data else { return }
        Unmanaged<Box>.fromOpaque(data).takeRetainedValue().reply?(result)
      }, Unmanaged.passRetained(reply).toOpaque())
  }

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
    let reply: ((OpaquePointer?) -> Void)?

    init(
      action: ((String) -> Void)? = nil, closed: (() -> Void)? = nil, reply: ((OpaquePointer?) -> Void)? = nil
    ) {
      self.action = action
      self.closed = closed
      self.reply = reply
    }
  }
}
