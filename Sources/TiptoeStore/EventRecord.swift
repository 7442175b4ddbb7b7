import Foundation
import GRDB
import TiptoeCore

/// A row of the `event` table: the append-only history.
struct EventRecord: FetchableRecord {
  static let databaseTableName = "event"

  /// The columns every query selects and every insert writes, in this order.
  static let selection = "id, batch, kind, slot, exercise, at, slotStart, until, undoes, device"

  var id: Int64
  var batch: Int64
  var kind: String
  var slot: String?
  var exercise: String?
  var at: String
  var slotStart: String?
  var until: String?
  var undoes: Int64?
  var device: String?

  /// A row of `SELECT \(selection)`.
  init(row: Row) {
    id = row[0]
    batch = row[1]
    kind = row[2]
    slot = row[3]
    exercise = row[4]
    at = row[5]
    slotStart = row[6]
    until = row[7]
    undoes = row[8]
    device = row[9]
  }

  init(_ event: NewEvent, id: Int64, batch: Int64) {
    self.id = id
    self.batch = batch
    kind = event.kind.rawValue
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
    try db.execute(
      sql: "INSERT INTO event (\(Self.selection)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      arguments: [id, batch, kind, slot, exercise, at, slotStart, until, undoes, device])
  }

  /// The event, or nil when its kind is one this tiptoe does not know (written by a newer one).
  func event(path: String) throws -> HistoryEvent? {
    guard let kind = EventKind(rawValue: kind) else { return nil }
    func date(_ text: String?, _ column: String) throws -> Date? {
      guard let text else { return nil }
      guard let date = UTCText.parse(text) else {
        throw StoreError.corrupt(path: path, detail: "event \(id) has \(column) '\(text)', not a UTC time")
      }
      return date
    }
    return HistoryEvent(
      id: id, batch: batch, kind: kind, slot: slot, exercise: exercise, at: try date(at, "at")!,
      slotStart: try date(slotStart, "slotStart"), until: try date(until, "until"), undoes: undoes,
      device: device)
  }
}
