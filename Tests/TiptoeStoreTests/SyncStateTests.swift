import Foundation
import Testing
import TiptoeCore

@testable import TiptoeStore

struct SyncStateTests {
  let directory = TemporaryDirectory()
  let nine = instant("2026-11-23T09:00:00+01:00")

  @Test func aHistoryFromBeforeSyncGainsTheSyncTablesAndKeepsItsEvents() throws {
    let path = directory.historyPath
    try StoreFile.makeDirectory(HistoryStore.directory(of: path))
    try sqlite3(
      path,
      """
      CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1');
      CREATE TABLE event (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, kind TEXT NOT NULL, slot TEXT,
        exercise TEXT, at TEXT NOT NULL, slotStart TEXT, until TEXT, undoes INTEGER);
      INSERT INTO event VALUES (1, 1, 'done', 'toe-presses/2026-11-23/1', 'toe-presses', '2026-11-23T08:00:00Z',
        '2026-11-23T08:10:00Z', NULL, NULL);
      PRAGMA user_version = 1; PRAGMA journal_mode = WAL;
      """)
    let store = try HistoryStore.open(path: path)
    let events = try store.events()
    #expect(events.map(\.kind) == [.done] && events[0].device == nil)
    #expect(try sqlite3(path, "PRAGMA user_version") == "2\n")
  }

  @Test func eventsKeepTheDeviceTheyCameFrom() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    try store.append([
      NewEvent(
        kind: .done, slot: "toe-presses/2026-11-23/1", exercise: "toe-presses", at: nine, slotStart: nine,
        device: "laptop")
    ])
    #expect(try store.events().map(\.device) == ["laptop"])
  }

  @Test func syncItemsAndValuesReadBackAsStored() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    let item = SyncItem(
      collection: "log", href: "toe-presses.2026-11-23.1.ics", etag: "\"e1\"", slot: "toe-presses/2026-11-23/1",
      action: SlotAction(outcome: .skipped, at: nine, device: "desktop"))
    let plan = SyncItem(collection: "plan", href: "toe-presses.1.ics", etag: "\"p\"", digest: "abc")
    try store.write { tx in
      try tx.saveSyncItem(item)
      try tx.saveSyncItem(plan)
      try tx.setSyncValue("token.log", "t1")
    }
    try store.write { tx in
      #expect(try tx.syncItems("log") == [item.href: item])
      #expect(try tx.syncItems("plan") == [plan.href: plan])
      #expect(try tx.syncValue("token.log") == "t1")
      try tx.setSyncValue("token.log", nil)
      try tx.removeSyncItem(collection: "log", href: item.href)
      #expect(try tx.syncValue("token.log") == nil)
      #expect(try tx.syncItems("log").isEmpty)
      try tx.removeSyncItems(collection: "plan")
      #expect(try tx.syncItems("plan").isEmpty)
    }
  }
}
