import Foundation

/// What can stop the agent, or the set-up of its service.
public enum AgentError: Error, LocalizedError, Equatable {
  /// A system call failed.
  case system(call: String, errno: Int32)
  /// Another agent holds the lock.
  case alreadyRunning(pid: Int32)
  /// `systemctl --user` cannot be used here; why.
  case noSystemd(String)
  /// A systemctl command failed: the command and its output.
  case systemctl(command: String, output: String)
  /// A file could not be written.
  case cannotWrite(path: String, reason: String)
  /// A path or argument for the unit holds a control character or a bidirectional override: the word.
  case unsafeWord(String)
  /// One of the agent's files is something it must not use (a symbolic link, another's file): why.
  case unsafeFile(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .system(let call, let errno):
      "\(call) failed: \(String(cString: strerror(errno)))"
    case .alreadyRunning(let pid):
      "an agent is already running (pid \(pid)); stop it first, or use 'tiptoe status'"
    case .noSystemd(let reason):
      "systemctl --user is not available (\(reason)), and there is no autostart entry of tiptoe to remove"
    case .systemctl(let command, let output):
      "'\(command)' failed: \(output)"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason)"
    case .unsafeWord(let word):
      "\(word.debugDescription) holds a control character (a line break, an escape) or a bidirectional "
        + "override: a service cannot run it; rename the file (example: --routine ~/.config/tiptoe/routine.toml)"
    case .unsafeFile(let path, let reason):
      "refusing to use \(path): \(reason); tiptoe never follows links for its state"
    }
  }
}
