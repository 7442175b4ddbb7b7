import Foundation

/// Everything that can go wrong with the history file. The CLI reports all of them as I/O errors (exit 74).
public enum StoreError: Error, LocalizedError, Equatable {
  /// Not a SQLite database, or a damaged one: what SQLite said.
  case corrupt(path: String, detail: String)
  /// Written by a newer tiptoe: the schema version or migration ids found, and the newest this one knows.
  case newerSchema(path: String, found: String, known: String)
  /// The directory or file could not be created.
  case cannotCreate(path: String, reason: String)
  /// Reading or writing failed (permissions, disk full, read-only file system).
  case io(path: String, reason: String)
  /// Another process kept the database locked for longer than the busy timeout.
  case busy(path: String, seconds: Double)
  /// A state directory or file others could change or redirect: a symbolic link, a directory owned
  /// by another user or writable by others.
  case unsafe(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .corrupt(let path, let detail):
      return "the history \(path) is damaged or not a tiptoe database (\(detail)); nothing was changed. "
        + "To start a new history, move it aside: mv '\(path)' '\(path).damaged'"
    case .newerSchema(let path, let found, let known):
      return "the history \(path) was written by a newer tiptoe (schema \(found); this tiptoe knows \(known)); "
        + "nothing was changed. Update tiptoe to use it."
    case .cannotCreate(let path, let reason):
      return "cannot create the history at \(path): \(reason) (XDG_STATE_HOME must name a writable directory)"
    case .io(let path, let reason):
      return "cannot use the history \(path): \(reason)"
    case .unsafe(let path, let reason):
      return "refusing to use \(path): \(reason); nothing was changed"
    case .busy(let path, let seconds):
      return
        "the history \(path) stayed locked by another process for \(Int(seconds)) s; nothing was written, try again"
    }
  }
}
