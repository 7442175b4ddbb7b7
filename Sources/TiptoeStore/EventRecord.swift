import Foundation
import GRDB
import GRDBSQLite
import TiptoeCore

/// A row of the `event` table: the append-only history.
struct EventRecord {
  static let databaseTableName = "event"

  /// The columns every query selects and every insert writes, in this order.
  static let selection = "id, batch, kind, slot, exercise, at, slotStart, until, undoes, device"

  var id: Int64
  var batch: Int64
  var kind: EventKind
  var slot: String?
  var exercise: String?
  var at: String
  var slotStart: String?
  var until: String?
  var undoes: Int64?
  var device: String?

  init(_ event: NewEvent, id: Int64, batch: Int64) {
    self.id = id
    self.batch = batch
    kind = event.kind
    slot = event.slot
    exercise = event.exercise
    at = UTCText.format(event.at)
    slotStart = event.slotStart.map(UTCText.format)
    until = event.until.map(UTCText.format)
    undoes = event.undoes
    device = event.device
  }

  /// Appends the row.
  func insert(_ db: Database) throws {
    try db.cachedStatement(sql: "INSERT INTO event (\(Self.selection)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .execute(arguments: [id, batch, kind.rawValue, slot, exercise, at, slotStart, until, undoes, device])
  }

  /// The event as reading the row back gives it: instants to the whole second.
  func event(path: String) throws -> HistoryEvent {
    func instant(_ text: String?) throws -> Date? {
      guard let text else { return nil }
      guard let date = UTCText.parse(text) else {
        throw StoreError.corrupt(path: path, detail: "event \(id) would have '\(text)', not a UTC time")
      }
      return date
    }
    return HistoryEvent(
      id: id, batch: batch, kind: kind, slot: slot, exercise: exercise, at: try instant(at)!,
      slotStart: try instant(slotStart), until: try instant(until), undoes: undoes, device: device)
  }

  /// The event in a row of `SELECT \(selection)`, or nil when its kind is one this tiptoe does not
  /// know (written by a newer one). The instants are read from the column's bytes: a history of
  /// years holds a hundred thousand of them.
  static func event(in row: Row, path: String) throws -> HistoryEvent? {
    guard let kind = EventKind(rawValue: row[2]) else { return nil }
    let id: Int64 = row[0]
    func instant(_ index: Int, _ column: String) throws -> Date? {
      if row.hasNull(atIndex: index) { return nil }
      guard let stored = try? row.decode(StoredInstant.self, atIndex: index) else {
        let value: DatabaseValue = row[index]
        throw StoreError.corrupt(path: path, detail: "event \(id) has \(column) \(value), not a UTC time")
      }
      return stored.date
    }
    guard let at = try instant(5, "at") else {
      throw StoreError.corrupt(path: path, detail: "event \(id) has no time")
    }
    return HistoryEvent(
      id: id, batch: row[1], kind: kind, slot: row[3], exercise: row[4], at: at,
      slotStart: try instant(6, "slotStart"), until: try instant(7, "until"), undoes: row[8], device: row[9])
  }
}

/// An instant as the history stores it (`UTCText`), read straight from the column's text.
private struct StoredInstant: DatabaseValueConvertible, StatementColumnConvertible {
  let date: Date

  init?(sqliteStatement: SQLiteStatement, index: CInt) {
    guard sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT,
      let text = sqlite3_column_text(sqliteStatement, index),
      let date = ISO8601.instant(
        utf8: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, index))),
        strict: true)
    else { return nil }
    self.date = date
  }

  var databaseValue: DatabaseValue { UTCText.format(date).databaseValue }

  static func fromDatabaseValue(_ value: DatabaseValue) -> StoredInstant? {
    String.fromDatabaseValue(value).flatMap(UTCText.parse).map { StoredInstant(date: $0) }
  }

  private init(date: Date) { self.date = date }
}
