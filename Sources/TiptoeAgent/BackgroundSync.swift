import CLibnotify
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `tiptoe sync` in a child process from the agent's loop: at start, a few seconds after each
/// local action, when the user is back (the screen unlocked, the machine resumed) and every `every`
/// seconds. Made only when sync.toml exists, so an agent without it arms no timer at all. What a
/// round merges reaches the agent through the history's directory watch, like any other change, and
/// closes the reminders settled elsewhere.
final class BackgroundSync {
  let command: [String]
  let every: TimeInterval
  let log: (String) -> Void
  /// How long after a local action the round starts, so a burst of answers goes in one round.
  static let delay: UInt32 = 5
  /// How long after a round the user's return found the server out of reach it is tried once more
  /// (after a resume the network is often still coming up).
  static let retryDelay: UInt32 = 10

  private var running = false
  /// Another round is asked for after the one under way (`retryingAgain`: by the user's return).
  private var again = false
  private var retryingAgain = false
  /// The round under way was started by the user's return: out of reach, it is tried again.
  private var retrying = false
  /// When the round under way started (monotonic microseconds).
  private var startedAt = 0
  /// A round armed for later (after a local action, or to try again).
  private var laterSource: UInt32 = 0
  /// What waits for the round the user's return started (showing what came due meanwhile), and how
  /// long it waits at the most.
  private var waiting: [() -> Void] = []
  private var patienceSource: UInt32 = 0
  static let patience: UInt32 = 3
  private var periodicSource: UInt32 = 0

  init(command: [String], every: TimeInterval, log: @escaping (String) -> Void) {
    self.command = command
    self.every = every
    self.log = log
  }

  deinit {
    if laterSource != 0 { g_source_remove(laterSource) }
    if periodicSource != 0 { g_source_remove(periodicSource) }
    if patienceSource != 0 { g_source_remove(patienceSource) }
  }

  /// Syncs now, then every `every` seconds.
  func start() {
    run()
    periodicSource = g_timeout_add_seconds(
      UInt32(max(every, 1)),
      { data in
        Unmanaged<BackgroundSync>.fromOpaque(data!).takeUnretainedValue().run()
        return tiptoe_source_continue
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Syncs a few seconds from now (a local action); one round for several calls.
  func soon() { later(Self.delay) }

  /// Runs a round `seconds` from now, unless one is already waiting.
  private func later(_ seconds: UInt32) {
    guard laterSource == 0 else { return }
    laterSource = g_timeout_add_seconds(
      seconds,
      { data in
        let sync = Unmanaged<BackgroundSync>.fromOpaque(data!).takeUnretainedValue()
        sync.laterSource = 0
        sync.run()
        return tiptoe_source_remove
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Syncs now because the user is back (`reason`: "screen unlocked", "resumed"), so what was done
  /// elsewhere meanwhile is here before they answer a reminder; `then` runs once that round has
  /// ended, or after `patience` seconds however far it got. A round started in the last two seconds
  /// counts (a resume without a lock screen is both at once). Out of reach, it is tried once more a
  /// few seconds later.
  func now(_ reason: String, then: (() -> Void)? = nil) {
    if let then { waiting.append(then) }
    if !(running && g_get_monotonic_time() - startedAt < 2_000_000) {
      log("syncing (\(reason))")
      run(retrying: true)
    }
    guard running else { return release() }
    if !waiting.isEmpty && patienceSource == 0 {
      patienceSource = g_timeout_add_seconds(
        Self.patience,
        { data in
          let sync = Unmanaged<BackgroundSync>.fromOpaque(data!).takeUnretainedValue()
          sync.patienceSource = 0
          sync.release()
          return tiptoe_source_remove
        }, Unmanaged.passUnretained(self).toOpaque())
    }
  }

  /// Runs what waited for a round.
  private func release() {
    if patienceSource != 0 { g_source_remove(patienceSource) }
    patienceSource = 0
    let waiting = self.waiting
    self.waiting = []
    for then in waiting { then() }
  }

  /// Starts a round, or asks for another one after the round under way.
  private func run(retrying: Bool = false) {
    guard !running else {
      again = true
      retryingAgain = retryingAgain || retrying
      return
    }
    var arguments = command.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid: GPid = 0
    var error: UnsafeMutablePointer<GError>?
    let flags = GSpawnFlags(G_SPAWN_DO_NOT_REAP_CHILD.rawValue)
    guard g_spawn_async(nil, &arguments, nil, flags, nil, nil, &pid, &error) != 0 else {
      log("cannot start tiptoe sync: \(error.map { String(cString: $0.pointee.message) } ?? "?")")
      g_error_free(error)
      return
    }
    running = true
    self.retrying = retrying
    startedAt = g_get_monotonic_time()
    g_child_watch_add(
      pid,
      { pid, status, data in
        g_spawn_close_pid(pid)
        Unmanaged<BackgroundSync>.fromOpaque(data!).takeUnretainedValue().finished(status: status)
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  private func finished(status: Int32) {
    running = false
    // 69: the server is out of reach; the next round sends what is waiting.
    let unreachable = status != 0 && (status >> 8) == 69
    if status != 0 && !unreachable { log("tiptoe sync exited with status \(status >> 8)") }
    if unreachable && retrying {
      log("the server is out of reach; trying again in \(Self.retryDelay) s")
      later(Self.retryDelay)
    }
    retrying = false
    if again {
      let retrying = retryingAgain
      again = false
      retryingAgain = false
      run(retrying: retrying)
    }
    // Waiting for the round asked for after this one, if it started.
    if !running { release() }
  }
}
