import Foundation
import GRDB
import TiptoeCore

/// What the CalDAV server held of one resource when it was last read or written: its ETag, and for
/// a slot's VTODO the user action it carried. `tiptoe sync` compares it with the history to know
/// what to send, and with the server's listing to know what to fetch.
public struct SyncItem: Hashable, Sendable {
  /// `plan` or `log`.
  public var collection: String
  /// The resource's path on the server.
  public var href: String
  public var etag: String?
  /// For the plan's events: a digest of the body sent, so an unchanged plan is not sent again.
  public var digest: String?
  /// For the log's VTODOs: the slot and the user action they hold (nil: none).
  public var slot: String?
  public var action: SlotAction?

  public init(
    collection: String, href: String, etag: String?, digest: String? = nil, slot: String? = nil,
    action: SlotAction? = nil
  ) {
    self.collection = collection
    self.href = href
    self.etag = etag
    self.digest = digest
    self.slot = slot
    self.action = action
  }
}

extension HistoryTransaction {
  /// A stored sync value (`token.log`, `planFrom`); nil when none.
  public func syncValue(_ key: String) throws -> String? {
    try String.fetchOne(db, sql: "SELECT value FROM syncState WHERE key = ?", arguments: [key])
  }

  /// Stores a sync value; nil removes it.
  public func setSyncValue(_ key: String, _ value: String?) throws {
    if let value {
      try db.execute(sql: "INSERT OR REPLACE INTO syncState (key, value) VALUES (?, ?)", arguments: [key, value])
    } else {
      try db.execute(sql: "DELETE FROM syncState WHERE key = ?", arguments: [key])
    }
  }

  /// The collection's known resources, by href.
  public func syncItems(_ collection: String) throws -> [String: SyncItem] {
    let rows = try Row.fetchAll(
      db, sql: "SELECT href, etag, digest, slot, outcome, at, device FROM syncItem WHERE collection = ?",
      arguments: [collection])
    var items: [String: SyncItem] = [:]
    for row in rows {
      var action: SlotAction?
      if let outcome = (row[4] as String?).flatMap(SlotAction.Outcome.init(rawValue:)),
        let at = (row[5] as String?).flatMap(UTCText.parse)
      {
        action = SlotAction(outcome: outcome, at: at, device: row[6])
      }
      let href: String = row[0]
      items[href] = SyncItem(
        collection: collection, href: href, etag: row[1], digest: row[2], slot: row[3], action: action)
    }
    return items
  }

  /// Records what the server holds at `item.href`.
  public func saveSyncItem(_ item: SyncItem) throws {
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO syncItem (collection, href, etag, digest, slot, outcome, at, device)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        item.collection, item.href, item.etag, item.digest, item.slot, item.action?.outcome.rawValue,
        item.action.map { UTCText.format($0.at) }, item.action?.device,
      ])
  }

  /// Forgets a resource the server no longer holds.
  public func removeSyncItem(collection: String, href: String) throws {
    try db.execute(sql: "DELETE FROM syncItem WHERE collection = ? AND href = ?", arguments: [collection, href])
  }
}

extension HistoryTransaction {
  /// Forgets every resource of a collection (the server lost it: it is made again).
  public func removeSyncItems(collection: String) throws {
    try db.execute(sql: "DELETE FROM syncItem WHERE collection = ?", arguments: [collection])
  }
}
