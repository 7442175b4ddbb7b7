import CLinux
import Foundation
import TiptoeCore

/// What the running agent tells `tiptoe status`, in `agent.json` next to the history.
public struct AgentState: Codable, Equatable, Sendable {
  public var pid: Int32
  /// When the agent started (ISO 8601).
  public var started: String
  /// The notification server, e.g. "dunst 1.9.0 (actions, body, body-markup)"; nil when there is none.
  public var server: String?
  /// When the agent wakes next (ISO 8601); nil when only a change can wake it.
  public var nextWake: String?
  /// Open notifications: slot id → the server's notification id (for replacing them after a restart).
  public var open: [String: Int32]
  /// Reminders sent to the server whose id has not come back yet: slot id → the reminder's stack tag
  /// (a run killed meanwhile leaves a popup only the tag can reach). Nil in files of older agents.
  public var pending: [String: String]?
  /// The agent's timings, so that `status` and the overview say what it will do.
  public var settings: ReminderSettings?
  /// What the presence monitor last heard; nil when it is off (`--no-presence`).
  public var presence: Presence?
  /// The holds the agent's decisions see: those on now and those ended recently.
  public var holds: [ReminderHold]?

  public init(
    pid: Int32, started: String, server: String?, nextWake: String?, open: [String: Int32],
    settings: ReminderSettings? = nil
  ) {
    self.pid = pid
    self.started = started
    self.server = server
    self.nextWake = nextWake
    self.open = open
    self.settings = settings
  }
}

/// The agent's files in the state directory: `agent.lock` (one agent at a time) and `agent.json`.
public enum AgentFiles {
  public static let lockName = "agent.lock"
  public static let stateName = "agent.json"

  /// The pid of the running agent, from the lock it holds; nil when none runs.
  public static func runningAgent(directory: String) -> Int32? {
    let fd = open(directory + "/" + lockName, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let holder = clinux_lock_holder(fd)
    return holder > 0 ? holder : nil
  }

  /// What the agent last wrote; nil when there is no (readable) file, or it is a symbolic link.
  public static func readState(directory: String) -> AgentState? {
    let fd = open(directory + "/" + stateName, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    guard let data = try? handle.read(upToCount: 1 << 20) else { return nil }
    return try? JSONDecoder().decode(AgentState.self, from: data)
  }

  /// Replaces `agent.json` atomically with a private (0600) file, whatever the umask.
  public static func write(_ state: AgentState, directory: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    let path = directory + "/" + stateName
    let temporary = "\(path).new-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { throw AgentError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      guard fchmod(fd, 0o600) == 0 else { throw AgentError.system(call: "fchmod \(temporary)", errno: errno) }
      try handle.write(contentsOf: try encoder.encode(state))
      guard rename(temporary, path) == 0 else { throw AgentError.system(call: "rename \(temporary)", errno: errno) }
    } catch {
      unlink(temporary)
      throw AgentError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }

  /// Takes `agent.lock` for this process (kept until it exits) and writes its pid there. The lock is
  /// a private regular file: a symbolic link there is refused, never followed (and its target never
  /// truncated).
  public static func lock(directory: String) throws -> Int32 {
    let path = directory + "/" + lockName
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
    guard fd >= 0 else {
      if errno == ELOOP { throw AgentError.unsafeFile(path: path, reason: "it is a symbolic link") }
      throw AgentError.system(call: "open \(path)", errno: errno)
    }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
      close(fd)
      throw AgentError.unsafeFile(path: path, reason: "it is not a regular file of yours")
    }
    guard clinux_lock(fd) == 0 else {
      let holder = clinux_lock_holder(fd)
      close(fd)
      throw AgentError.alreadyRunning(pid: holder)
    }
    fchmod(fd, 0o600)
    let pid = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = pid.withCString { Glibc.write(fd, $0, strlen($0)) }
    return fd
  }
}
