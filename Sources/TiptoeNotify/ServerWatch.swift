import CLibnotify

/// Follows the notification server's name (`org.freedesktop.Notifications`) on the session bus: a
/// server taking it (started, or started again after a crash) and the name losing its owner. The
/// calls arrive on the GLib main loop; the first comes soon after the watch starts, with how it is now.
///
///     let watch = ServerWatch(appeared: { print("a server") }, vanished: { print("none") })
public final class ServerWatch {
  private var id: UInt32 = 0
  private let box: Box

  public init(appeared: @escaping () -> Void, vanished: @escaping () -> Void) {
    box = Box(appeared: appeared, vanished: vanished)
    id = g_bus_watch_name(
      G_BUS_TYPE_SESSION, "org.freedesktop.Notifications", G_BUS_NAME_WATCHER_FLAGS_NONE,
      { _, _, _, data in Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().appeared() },
      { _, _, data in Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().vanished() },
      Unmanaged.passUnretained(box).toOpaque(), nil)
  }

  deinit {
    if id != 0 { g_bus_unwatch_name(id) }
  }

  private final class Box {
    let appeared: () -> Void
    let vanished: () -> Void

    init(appeared: @escaping () -> Void, vanished: @escaping () -> Void) {
      self.appeared = appeared
      self.vanished = vanished
    }
  }
}
