import Foundation
import GRDB
import TiptoeCore

/// Reads and appends inside one transaction of `HistoryStore.write(_:)` (reads only, in
/// `HistoryStore.read(_:)`); valid only in that closure.
public struct HistoryTransaction {
  let db: Database
  let path: String
  /// False in a read transaction, where appending is a programming error.
  let canAppend: Bool

  /// The events of slots starting in `start..<end` (undo events included), in append order.
  public func events(forSlotsFrom start: Date?, to end: Date) throws -> [HistoryEvent] {
    guard let start else {
      // Without a lower bound SQLite reads the table in append order rather than through the index.
      return try fetch("WHERE slotStart < ? ORDER BY id", [UTCText.format(end)])
    }
    return try fetch(
      "WHERE slotStart >= ? AND slotStart < ? ORDER BY id", [UTCText.format(start), UTCText.format(end)])
  }

  /// Every event that happened at or after `since` (all when nil), ordered by `at`, then id.
  public func events(since: Date?) throws -> [HistoryEvent] {
    guard let since else { return try fetch("ORDER BY at, id") }
    return try fetch("WHERE at >= ? ORDER BY at, id", [UTCText.format(since)])
  }

  /// The events appended after the event `id`, in append order.
  public func events(after id: Int64) throws -> [HistoryEvent] {
    try fetch("WHERE id > ? ORDER BY id", [id])
  }

  /// The events tied to no slot: pauses, resumes and the undo events taking them back, in append
  /// order. `PauseState(events:now:)` reads the pause from them.
  public func pauseEvents() throws -> [HistoryEvent] {
    try fetch("WHERE slotStart IS NULL ORDER BY id")
  }

  /// Whether any event belongs to a slot starting before `start`.
  public func hasSlotEvents(before start: Date) throws -> Bool {
    try Bool.fetchOne(
      db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM event WHERE slotStart < ?)"),
      arguments: [UTCText.format(start)]) ?? false
  }

  /// The newest event's id; 0 when there is none.
  public func lastEventID() throws -> Int64 {
    try Int64.fetchOne(db.cachedStatement(sql: "SELECT IFNULL(MAX(id), 0) FROM event")) ?? 0
  }

  /// Appends `events` as one batch (they share `batch`, the first one's id); returns them stored.
  @discardableResult
  public func append(_ events: [NewEvent]) throws -> [HistoryEvent] {
    precondition(canAppend, "appending in a read transaction of the history")
    let first = try lastEventID() + 1
    var stored: [HistoryEvent] = []
    for (offset, event) in events.enumerated() {
      let record = EventRecord(event, id: first + Int64(offset), batch: first)
      try record.insert(db)
      stored.append(try record.event(path: path))
    }
    return stored
  }

  /// Takes back the newest batch that holds user decisions (done, skipped, snoozed, paused,
  /// resumed) not yet taken back, by appending one `undone` event per decision, as one batch.
  /// Returns the events taken back; empty when there is nothing left to undo.
  @discardableResult
  public func undoLast(at: Date) throws -> [HistoryEvent] {
    let kinds = EventKind.allCases.filter(\.isUndoable).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    let standing = """
      kind IN (\(kinds)) AND NOT EXISTS (SELECT 1 FROM event AS u WHERE u.undoes = event.id AND u.kind = 'undone')
      """
    let sql = """
      SELECT \(EventRecord.selection) FROM event WHERE batch = (SELECT batch FROM event WHERE \(standing) ORDER BY id DESC LIMIT 1)
      AND \(standing) ORDER BY id
      """
    let targets = try Row.fetchAll(db, sql: sql).compactMap { try EventRecord.event(in: $0, path: path) }
    try append(targets.map { NewEvent.undoing($0, at: at) })
    return targets
  }

  /// The events that `clauses` select. The statement is prepared once per connection (the agent
  /// runs the same few queries at every wake-up).
  private func fetch(_ clauses: String, _ arguments: StatementArguments = []) throws -> [HistoryEvent] {
    let rows = try Row.fetchCursor(
      db.cachedStatement(sql: "SELECT \(EventRecord.selection) FROM event " + clauses), arguments: arguments)
    var events: [HistoryEvent] = []
    while let row = try rows.next() {
      if let event = try EventRecord.event(in: row, path: path) { events.append(event) }
    }
    return events
  }
}
