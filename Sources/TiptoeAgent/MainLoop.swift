import CLibnotify

#if canImport(Glibc)
  import Glibc
#endif

/// The one GLib main loop the agent runs on: file descriptors, signals and idle work are its sources,
/// and libnotify's D-Bus callbacks arrive on it too. Use from the thread that calls ``run()``.
final class MainLoop {
  private let loop: OpaquePointer
  private var handlers: [UInt32: Handler] = [:]
  private var idleSource: UInt32 = 0
  private var idleWork: (() -> Void)?
  private var laterSource: UInt32 = 0
  private var laterWork: (() -> Void)?

  init() {
    loop = g_main_loop_new(nil, 0)
    // GLib's idle worker threads (`pool`) otherwise wake up some seconds into the agent's sleep, only
    // to exit; with no idle timeout they just wait for work.
    g_thread_pool_set_max_idle_time(0)
  }

  deinit {
    for id in handlers.keys { g_source_remove(id) }
    if laterSource != 0 { g_source_remove(laterSource) }
    if idleSource != 0 { g_source_remove(idleSource) }
    g_main_loop_unref(loop)
  }

  /// Runs until ``quit()``.
  func run() { g_main_loop_run(loop) }

  func quit() { g_main_loop_quit(loop) }

  /// Calls `handler` each time `fd` is readable.
  @discardableResult
  func watch(fd: Int32, handler: @escaping () -> Void) -> UInt32 {
    let box = Handler(handler)
    let id = g_unix_fd_add(
      fd, G_IO_IN,
      { _, _, data in
        Unmanaged<Handler>.fromOpaque(data!).takeUnretainedValue().call()
        return tiptoe_source_continue
      }, Unmanaged.passUnretained(box).toOpaque())
    handlers[id] = box
    return id
  }

  /// Stops watching: the source `id` returned by ``watch(fd:handler:)`` is removed.
  func remove(_ id: UInt32) {
    guard handlers.removeValue(forKey: id) != nil else { return }
    g_source_remove(id)
  }

  /// Calls `handler` on the loop when the process gets `signal` (SIGTERM, SIGINT, SIGHUP …).
  func onSignal(_ signal: Int32, handler: @escaping () -> Void) {
    let box = Handler(handler)
    let id = g_unix_signal_add(
      signal,
      { data in
        Unmanaged<Handler>.fromOpaque(data!).takeUnretainedValue().call()
        return tiptoe_source_continue
      }, Unmanaged.passUnretained(box).toOpaque())
    handlers[id] = box
  }

  /// Runs `work` once the loop is idle; several requests before then run it once.
  func soon(_ work: @escaping () -> Void) {
    idleWork = work
    guard idleSource == 0 else { return }
    idleSource = g_idle_add(
      { data in
        let loop = Unmanaged<MainLoop>.fromOpaque(data!).takeUnretainedValue()
        loop.idleSource = 0
        let work = loop.idleWork
        loop.idleWork = nil
        work?()
        return tiptoe_source_remove
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Runs `work` once, `milliseconds` from now; a new request replaces the pending one.
  func later(milliseconds: UInt32, _ work: @escaping () -> Void) {
    laterWork = work
    if laterSource != 0 { g_source_remove(laterSource) }
    laterSource = g_timeout_add(
      milliseconds,
      { data in
        let loop = Unmanaged<MainLoop>.fromOpaque(data!).takeUnretainedValue()
        loop.laterSource = 0
        let work = loop.laterWork
        loop.laterWork = nil
        work?()
        return tiptoe_source_remove
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  private final class Handler {
    let call: () -> Void
    init(_ call: @escaping () -> Void) { self.call = call }
  }
}
