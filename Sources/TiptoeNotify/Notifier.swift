import CLibnotify

/// The connection to the desktop's notification server, through libnotify.
///
/// Use it, and every ``DesktopNotification``, on the GLib main loop's thread only: action and
/// "closed" callbacks and the answers to shows arrive there.
///
///     let notifier = try Notifier(appName: "tiptoe")
///     let server = try notifier.connect()          // name and capabilities, read once
///     let note = notifier.notification(title: "Toe presses", body: "Grip the floor & hold")
///     if server.supportsActions { note.addAction("done", label: "Done") { _ in print("done") } }
///     note.show { error in print(error?.localizedDescription ?? "shown as \(note.id)") }
public final class Notifier {
  public let appName: String
  /// What the server said the last time ``connect()`` reached it; nil until then, and after ``forget()``.
  public private(set) var server: ServerInfo?

  public init(appName: String) throws {
    guard notify_init(appName) != 0 else { throw NotifyError.initFailed(appName: appName) }
    self.appName = appName
  }

  deinit { notify_uninit() }

  /// The server's name and capabilities, asked once and then remembered.
  @discardableResult
  public func connect() throws -> ServerInfo {
    if let server { return server }
    var name: UnsafeMutablePointer<CChar>?
    var vendor: UnsafeMutablePointer<CChar>?
    var version: UnsafeMutablePointer<CChar>?
    var spec: UnsafeMutablePointer<CChar>?
    guard notify_get_server_info(&name, &vendor, &version, &spec) != 0 else {
      throw NotifyError.noServer("no answer to GetServerInformation")
    }
    defer { for text in [name, vendor, version, spec] { g_free(text) } }
    var capabilities: Set<String> = []
    let list = notify_get_server_caps()
    var node = list
    while let current = node {
      if let data = current.pointee.data {
        capabilities.insert(String(cString: data.assumingMemoryBound(to: CChar.self)))
      }
      node = current.pointee.next
    }
    g_list_free_full(list, g_free)
    let info = ServerInfo(
      name: name.map { String(cString: $0) } ?? "", vendor: vendor.map { String(cString: $0) } ?? "",
      version: version.map { String(cString: $0) } ?? "", specVersion: spec.map { String(cString: $0) } ?? "",
      capabilities: capabilities)
    server = info
    return info
  }

  /// Drops what is known about the server (it went away); the next ``connect()`` asks again.
  public func forget() { server = nil }

  /// A new notification; `body` is plain text, escaped when the server reads markup.
  public func notification(title: String, body: String, icon: String? = nil) -> DesktopNotification {
    let notification = DesktopNotification(title: title, body: bodyText(body), icon: icon)
    notification.setAppName(appName)
    return notification
  }

  /// Changes the text of `notification` (shown again with ``DesktopNotification/show(completion:)``).
  public func update(_ notification: DesktopNotification, title: String, body: String, icon: String? = nil) {
    notification.update(title: title, body: bodyText(body), icon: icon)
  }

  /// `body` as the server wants it: escaped when it reads markup.
  public func bodyText(_ body: String) -> String {
    server?.supportsBodyMarkup == true ? Markup.escape(body) : body
  }
}
