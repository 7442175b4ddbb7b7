import Foundation
import GRDB
import TiptoeCore

/// A row of the `event` table: the append-only history.
struct EventRecord: FetchableRecord, PersistableRecord {
  static let databaseTableName = "event"

  enum Columns {
    static let id = Column("id")
    static let batch = Column("batch")
    static let kind = Column("kind")
    static let slot = Column("slot")
    static let exercise = Column("exercise")
    static let at = Column("at")
    static let slotStart = Column("slotStart")
    static let until = Column("until")
    static let undoes = Column("undoes")
  }

  var id: Int64
  var batch: Int64
  var kind: String
  var slot: String?
  var exercise: String?
  var at: String
  var slotStart: String?
  var until: String?
  var undoes: Int64?

  init(row: Row) {
    id = row[Columns.id]
    batch = row[Columns.batch]
    kind = row[Columns.kind]
    slot = row[Columns.slot]
    exercise = row[Columns.exercise]
    at = row[Columns.at]
    slotStart = row[Columns.slotStart]
    until = row[Columns.until]
    undoes = row[Columns.undoes]
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
  }

  func encode(to container: inout PersistenceContainer) {
    container[Columns.id] = id
    container[Columns.batch] = batch
    container[Columns.kind] = kind
    container[Columns.slot] = slot
    container[Columns.exercise] = exercise
    container[Columns.at] = at
    container[Columns.slotStart] = slotStart
    container[Columns.until] = until
    container[Columns.undoes] = undoes
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
      slotStart: try date(slotStart, "slotStart"), until: try date(until, "until"), undoes: undoes)
  }
}
