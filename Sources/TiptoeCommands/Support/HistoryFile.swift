import Foundation
import TiptoeCore
import TiptoeStore

/// The history file as a command uses it: opened where it is needed, closed as soon as the command
/// is done with it (before printing, so a reader that goes away, as in `tiptoe log | head`, never
/// ends the process with the history open), never created just to read, and its errors reported as
/// I/O errors (exit 74).
struct HistoryFile {
  /// `$XDG_STATE_HOME/tiptoe/tiptoe.sqlite`.
  let path: String

  /// The directory of the history and the agent's files.
  var directory: String { HistoryStore.directory(of: path) }

  /// Runs `body` on the history if there is one (to read, or to write only where there is one),
  /// then closes it; nil when there is no history.
  func ifPresent<T>(_ body: (HistoryStore) throws -> T) throws -> T? {
    guard let store = try Self.io({ try HistoryStore.openIfPresent(path: path) }) else { return nil }
    return try Self.using(store, body)
  }

  /// Runs `body` on the history, created on first use, then closes it.
  func creatingIfMissing<T>(_ body: (HistoryStore) throws -> T) throws -> T {
    try Self.using(try Self.io { try HistoryStore.open(path: path) }, body)
  }

  /// The history of the slots of `days` dates from `from`; empty when there is no history yet.
  func history(_ planner: Planner, from: LocalDate, days: Int) throws -> History {
    try ifPresent { try $0.history(planner, from: from, days: days) } ?? .empty(planner)
  }

  /// The whole history up to the end of `through`'s week (a weekly exercise may be done ahead);
  /// empty when there is none.
  func history(_ planner: Planner, through: LocalDate) throws -> History {
    try ifPresent { try $0.history(planner, through: through) } ?? .empty(planner)
  }

  private static func using<T>(_ store: HistoryStore, _ body: (HistoryStore) throws -> T) throws -> T {
    defer { try? store.close() }
    return try io { try body(store) }
  }

  /// Runs `body`, turning the store's errors into I/O errors for the command line.
  static func io<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw CLIError.io(error.localizedDescription)
    }
  }
}
