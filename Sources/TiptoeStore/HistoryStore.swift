import Foundation
import GRDB
import GRDBSQLite
import TiptoeCore

/// The history: an append-only log of events in one SQLite file, shared by the command line and
/// the agent, which may write at the same moment.
///
/// One file, `$XDG_STATE_HOME/tiptoe/tiptoe.sqlite` (directory 0700, file 0600), in WAL mode with a
/// busy timeout, so concurrent writers wait for each other instead of failing. Every write is one
/// `BEGIN IMMEDIATE` transaction. The store never reads the clock: times are passed in.
///
///     let store = try HistoryStore.open(path: XDGPaths(environment: ProcessInfo.processInfo.environment).historyFile)
///     try store.append([.done(slot, at: now)])
///     let history = try store.history(planner, from: today, days: 1)
///
/// Learning of changes made by other processes: watch `directory(of: path)` with inotify (a commit
/// writes `tiptoe.sqlite-wal`); on any event, compare `lastEventID()` with the last id seen and
/// read `events(after:)`. Events are never changed or deleted, so ids only grow.
public final class HistoryStore: Sendable {
  /// The file name inside the state directory.
  public static let fileName = "tiptoe.sqlite"
  /// How long a writer waits for another one to finish, in seconds.
  public static let busyTimeout: Double = 10

  /// The database file.
  public let path: String
  private let queue: DatabaseQueue

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.queue = queue
  }

  /// The directory holding the database and its `-wal` and `-shm` files: the one to watch.
  public static func directory(of path: String) -> String { (path as NSString).deletingLastPathComponent }

  /// Opens the history at `path`, creating it (and missing directories) when it does not exist.
  ///
  /// Throws `StoreError.corrupt` or `.newerSchema` without changing the file, `.cannotCreate` or
  /// `.io` when the directory or file cannot be made or used.
  public static func open(path: String) throws -> HistoryStore {
    try connect(path: path, create: true)!
  }

  /// Opens the history at `path` if the file exists; nil otherwise. Never creates anything.
  public static func openIfPresent(path: String) throws -> HistoryStore? {
    try connect(path: path, create: false)
  }

  /// Closes the connection: the last one to close checkpoints the WAL and empties it. Using the
  /// store afterwards throws.
  public func close() throws { try Self.mapping(path) { try queue.close() } }

  // MARK: Reading

  /// The events of slots starting in `start..<end` (undo events included), in append order.
  public func events(forSlotsFrom start: Date?, to end: Date) throws -> [HistoryEvent] {
    try read { try $0.events(forSlotsFrom: start, to: end) }
  }

  /// Every event that happened at or after `since` (all when nil), ordered by `at`, then id.
  public func events(since: Date? = nil) throws -> [HistoryEvent] {
    try read { try $0.events(since: since) }
  }

  /// The events appended after the event `id`, in append order: what changed since then.
  public func events(after id: Int64) throws -> [HistoryEvent] {
    try read { try $0.events(after: id) }
  }

  /// Pauses, resumes and their undo events, in append order: what `PauseState(events:now:)` needs.
  public func pauseEvents() throws -> [HistoryEvent] {
    try read { try $0.pauseEvents() }
  }

  /// Whether any event belongs to a slot starting before `start`.
  public func hasSlotEvents(before start: Date) throws -> Bool {
    try read { try $0.hasSlotEvents(before: start) }
  }

  /// The newest event's id, 0 when the history is empty: a cheap way to tell that something changed.
  public func lastEventID() throws -> Int64 {
    try read { try $0.lastEventID() }
  }

  // MARK: Writing

  /// Appends `events` as one batch, in one transaction; returns them with their ids.
  @discardableResult
  public func append(_ events: [NewEvent]) throws -> [HistoryEvent] {
    try write { try $0.append(events) }
  }

  /// Takes back the newest batch of user decisions not yet taken back; returns the events it took
  /// back (empty when there is nothing to undo). See `HistoryTransaction.undoLast(at:)`.
  @discardableResult
  public func undoLast(at: Date) throws -> [HistoryEvent] {
    try write { try $0.undoLast(at: at) }
  }

  /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): what it reads cannot change
  /// before what it appends is committed. Use it to decide what to write from what is there.
  /// Nothing is written when `body` throws.
  public func write<T>(_ body: (HistoryTransaction) throws -> T) throws -> T {
    try transaction(.immediate, body)
  }

  /// Runs `body` in one read transaction: what it reads is one state of the history.
  ///
  /// A deferred transaction rather than GRDB's `read`, whose switch to `query_only` and back makes
  /// SQLite prepare every statement of the connection again (the agent's, at every wake-up).
  public func read<T>(_ body: (HistoryTransaction) throws -> T) throws -> T {
    try transaction(.deferred, body)
  }

  /// `body` in one transaction of `kind`; only an immediate one may append.
  private func transaction<T>(_ kind: Database.TransactionKind, _ body: (HistoryTransaction) throws -> T) throws -> T {
    try guarded {
      try queue.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(kind) {
          result = try body(HistoryTransaction(db: db, path: path, canAppend: kind == .immediate))
          return .commit
        }
        return result!
      }
    }
  }

  /// Runs `body`, mapping its errors; when it finds the file damaged, the WAL files are no longer
  /// kept, so that closing leaves the directory as it was.
  private func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
      return try Self.mapping(path, body)
    } catch let error as StoreError {
      if case .corrupt = error { try? queue.inDatabase { try Self.keepWALFiles($0, false) } }
      throw error
    }
  }

  // MARK: Opening

  static var configuration: Configuration {
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.foreignKeysEnabled = false
    configuration.label = "tiptoe.history"
    configuration.prepareDatabase { db in try db.makeStatement(sql: "PRAGMA synchronous = NORMAL").execute() }
    return configuration
  }

  private static func connect(path: String, create: Bool) throws -> HistoryStore? {
    try StoreFile.checkDirectory(directory(of: path))
    if try !StoreFile.exists(path, strict: !create) {
      guard create else { return nil }
      try StoreFile.create(path) { temporary in try mapping(temporary) { try initialize(temporary) } }
    }
    return try mapping(path) {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try prepare(queue, path: path)
      try queue.inDatabase { try keepWALFiles($0) }
      return HistoryStore(path: path, queue: queue)
    }
  }

  /// Keeps the `-wal` and `-shm` files when the last connection closes (SQLite's persistent WAL):
  /// every command opens and closes the history, and need not delete and create those two files
  /// each time. The last connection
  /// still checkpoints, and with a `journal_size_limit` it empties the kept WAL, so the next command
  /// has nothing to read back from it. Only for a history found sound: a damaged or foreign file gets
  /// no files beside it, and a new one is made under a temporary name whose WAL must not outlive it.
  private static func keepWALFiles(_ db: Database, _ keep: Bool = true) throws {
    var flag: Int32 = keep ? 1 : 0
    let code = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &flag)
    guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    if keep { try db.makeStatement(sql: "PRAGMA journal_size_limit = \(walSizeLimit)").execute() }
  }

  /// The most a kept WAL may hold after a checkpoint, in bytes.
  static let walSizeLimit = 1 << 20

  /// Makes a new file: WAL mode (recorded in the file, so later opens need not set it), schema.
  private static func initialize(_ path: String) throws {
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    let mode = try queue.inDatabase { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
    guard mode == "wal" else { throw StoreError.io(path: path, reason: "cannot switch to WAL mode (\(mode ?? "?"))") }
    try Schema.migrator.migrate(queue)
    try queue.close()
  }

  /// Checks the schema version cheaply (one header read); migrates only an older file.
  private static func prepare(_ queue: DatabaseQueue, path: String) throws {
    func version() throws -> Int { try queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 } }
    let found = try version()
    if found == Schema.version { return }
    let known = "v\(Schema.version) (\(Schema.identifiers.joined(separator: ", ")))"
    if found > Schema.version { throw StoreError.newerSchema(path: path, found: "v\(found)", known: known) }
    try queue.inDatabase { db in
      // Every history tiptoe makes has its schema from the start (it is made under another name and
      // linked into place): a file without one is damaged (an empty file) or another program's.
      let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
      let hasMigrations = try db.tableExists("grdb_migrations")
      if found == 0 && !hasMigrations {
        let detail = tables > 0 ? "it holds another program's tables" : "it is empty: no tiptoe tables"
        throw StoreError.corrupt(path: path, detail: detail + ", not a tiptoe history")
      }
      let unknown = try Schema.migrator.appliedIdentifiers(db).subtracting(Schema.identifiers)
      if !unknown.isEmpty {
        throw StoreError.newerSchema(path: path, found: unknown.sorted().joined(separator: ", "), known: known)
      }
    }
    do {
      try Schema.migrator.migrate(queue)
    } catch {
      // Another process may have migrated between our check and our transaction.
      if try version() != Schema.version { throw error }
    }
    // Only once the schema is ours: a failed migration leaves the file's journal mode as it was.
    try queue.inDatabase { db in
      if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
        try db.execute(sql: "PRAGMA journal_mode = WAL")
      }
    }
  }

  /// Runs `body`, turning SQLite's errors into `StoreError`s that name `path`.
  static func mapping<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }
}

extension StoreError {
  init(_ error: DatabaseError, path: String) {
    let reason = error.message ?? "\(error.resultCode)"
    switch error.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT:
      self = .corrupt(path: path, detail: reason)
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      self = .busy(path: path, seconds: HistoryStore.busyTimeout)
    default:
      self = .io(path: path, reason: reason)
    }
  }
}
