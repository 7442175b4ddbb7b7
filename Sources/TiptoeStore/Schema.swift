import GRDB

/// The history's schema: named migrations, applied in order, never edited once shipped.
///
/// Each migration ends by setting `PRAGMA user_version` to its position (1 for "v1"), so opening
/// a current file costs one header read and never runs the migrator, and a file from a newer
/// tiptoe (a larger version) is recognised without being touched.
enum Schema {
  /// The migrations this tiptoe knows, oldest first.
  static let identifiers = ["v1", "v2-sync"]

  /// `user_version` of a file with every known migration applied.
  static var version: Int { identifiers.count }

  static let migrator: DatabaseMigrator = {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: EventRecord.databaseTableName) { table in
        table.primaryKey("id", .integer)
        table.column("batch", .integer).notNull()
        table.column("kind", .text).notNull()
        table.column("slot", .text)
        table.column("exercise", .text)
        table.column("at", .text).notNull()
        table.column("slotStart", .text)
        table.column("until", .text)
        table.column("undoes", .integer)
      }
      try db.create(index: "event_on_slotStart", on: "event", columns: ["slotStart"])
      try db.create(index: "event_on_at", on: "event", columns: ["at"])
      try db.create(index: "event_on_batch", on: "event", columns: ["batch"])
      try db.create(index: "event_on_undoes", on: "event", columns: ["undoes"], condition: Column("undoes") != nil)
      try db.execute(sql: "PRAGMA user_version = 1")
    }
    // CalDAV sync: which device an event came from (NULL: this one), and what the server holds.
    migrator.registerMigration("v2-sync") { db in
      try db.alter(table: EventRecord.databaseTableName) { table in table.add(column: "device", .text) }
      try db.create(table: "syncState") { table in
        table.primaryKey("key", .text)
        table.column("value", .text).notNull()
      }
      try db.create(table: "syncItem") { table in
        table.column("collection", .text).notNull()
        table.column("href", .text).notNull()
        table.column("etag", .text)
        table.column("digest", .text)
        table.column("slot", .text)
        table.column("outcome", .text)
        table.column("at", .text)
        table.column("device", .text)
        table.primaryKey(["collection", "href"])
      }
      try db.execute(sql: "PRAGMA user_version = 2")
    }
    return migrator
  }()
}
