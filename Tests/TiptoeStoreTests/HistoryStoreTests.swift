import Foundation
import Testing
import TiptoeCore

@testable import TiptoeStore

struct HistoryStoreTests {
  let directory = TemporaryDirectory()
  let nine = instant("2026-11-23T09:00:00+01:00")

  @Test func createsAPrivateWALFileWithTheCurrentSchema() throws {
    let path = directory.historyPath
    _ = try HistoryStore.open(path: path)
    #expect(mode(directory.path + "/state") == 0o700)
    #expect(mode(directory.path + "/state/tiptoe") == 0o700)
    #expect(mode(path) == 0o600)
    let header = try #require(bytes(path))
    #expect(header.prefix(16) == Data("SQLite format 3\0".utf8))
    #expect(header[18] == 2 && header[19] == 2)  // WAL, recorded in the file
    #expect(try sqlite3(path, "PRAGMA user_version") == "2\n")
    #expect(try sqlite3(path, "SELECT identifier FROM grdb_migrations") == "v1\nv2-sync\n")
    // No temporary file is left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/state/tiptoe")
    #expect(names.allSatisfy { $0.hasPrefix("tiptoe.sqlite") && !$0.contains(".new-") })
  }

  @Test func openIfPresentCreatesNothing() throws {
    #expect(try HistoryStore.openIfPresent(path: directory.historyPath) == nil)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/state"))
  }

  @Test func appendedEventsReadBackWithIncreasingIdsAndOneBatchPerAppend() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    let presses = slot("toe-presses", "2026-11-23T09:10:00+01:00")
    let walking = slot("toe-walking", "2026-11-23T09:10:00+01:00")
    let first = try store.append([.done(presses, at: nine), .done(walking, at: nine)])
    let until = nine.addingTimeInterval(600)
    let second = try store.append([.snoozed(presses, at: nine, until: until)])
    #expect(first.map(\.id) == [1, 2])
    #expect(first.map(\.batch) == [1, 1])
    #expect(second.map(\.batch) == [3])

    let reopened = try #require(try HistoryStore.openIfPresent(path: directory.historyPath))
    let all = try reopened.events()
    #expect(all == first + second)
    #expect(all[2].until == until && all[2].slotStart == presses.start && all[0].slot == "toe-presses/2026-11-23/1")
    #expect(try reopened.lastEventID() == 3)
    #expect(try reopened.events(after: 2).map(\.id) == [3])
    #expect(try reopened.events(since: nine.addingTimeInterval(1)).isEmpty)
    let morning = try reopened.events(forSlotsFrom: presses.start, to: presses.start.addingTimeInterval(1))
    #expect(morning.count == 3)
    #expect(try reopened.events(forSlotsFrom: presses.start.addingTimeInterval(1), to: .distantFuture).isEmpty)
  }

  @Test func timesAreStoredAsUTCText() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    try store.append([.done(slot("a", "2026-11-23T09:10:00+01:00"), at: nine.addingTimeInterval(0.75))])
    #expect(try sqlite3(store.path, "SELECT at, slotStart FROM event") == "2026-11-23T08:00:00Z|2026-11-23T08:10:00Z\n")
  }

  @Test func undoTakesBackTheNewestBatchOfDecisionsAndWalksBack() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    let a = slot("a", "2026-11-23T09:10:00+01:00")
    let b = slot("b", "2026-11-23T09:10:00+01:00")
    try store.append([.done(a, at: nine)])
    try store.append([.skipped(a, at: nine), .skipped(b, at: nine)])
    try store.append([.fired(b, at: nine), .missed(b, at: nine)])  // the agent's records are not undone

    let undone = try store.undoLast(at: nine)
    #expect(undone.map(\.kind) == [.skipped, .skipped])
    let undoEvents = try store.events(after: 5)
    #expect(undoEvents.map(\.kind) == [.undone, .undone])
    #expect(undoEvents.map(\.undoes) == [2, 3])
    #expect(undoEvents.map(\.slot) == [a.id, b.id])
    #expect(Set(undoEvents.map(\.batch)).count == 1)

    #expect(try store.undoLast(at: nine).map(\.id) == [1])
    #expect(try store.undoLast(at: nine).isEmpty)
    #expect(try store.lastEventID() == 8)
  }

  @Test func pauseEventsAreTheOnesTiedToNoSlot() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    let later = nine.addingTimeInterval(3600)
    try store.append([.done(slot("a", "2026-11-23T09:10:00+01:00"), at: nine)])
    try store.append([.paused(at: nine, until: later)])
    try store.append([.resumed(at: nine)])
    try store.undoLast(at: nine)
    let events = try store.pauseEvents()
    #expect(events.map(\.kind) == [.paused, .resumed, .undone])
    #expect(PauseState(events: events, now: nine) == .paused(until: later))
  }

  @Test func aThrowingWriteWritesNothing() throws {
    struct Stop: Error {}
    let store = try HistoryStore.open(path: directory.historyPath)
    #expect(throws: Stop.self) {
      try store.write { transaction in
        try transaction.append([.done(slot("a", "2026-11-23T09:10:00+01:00"), at: nine)])
        throw Stop()
      }
    }
    #expect(try store.lastEventID() == 0)
  }

  @Test func concurrentWritersOnSeparateConnectionsAllLand() async throws {
    let path = directory.historyPath
    let nine = nine
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        group.addTask {
          let store = try HistoryStore.open(path: path)
          for index in 0..<25 {
            try store.append([.done(slot("e\(writer)-\(index)", "2026-11-23T09:10:00+01:00"), at: nine)])
          }
        }
      }
      try await group.waitForAll()
    }
    let events = try HistoryStore.open(path: path).events()
    #expect(events.count == 200)
    #expect(events.map(\.id).sorted() == Array(1...200))
  }

  /// Instants are read from the column's bytes: one another program wrote wrong (text that is not
  /// the stored format, a number, a fraction) is a damaged history naming the event, not a crash.
  @Test(arguments: ["'2026-11-23 09:00:00'", "1795420800", "'2026-11-23T09:00:00.5Z'", "x'00'"])
  func anInstantNotInTheStoredFormatIsDamageNamingTheEvent(value: String) throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    try store.append([.done(slot("toe-presses", "2026-11-23T09:10:00+01:00"), at: nine)])
    _ = try sqlite3(directory.historyPath, "UPDATE event SET at = \(value) WHERE id = 1")
    #expect {
      _ = try HistoryStore.open(path: directory.historyPath).events()
    } throws: { error in
      guard case .corrupt(_, let detail) = error as? StoreError else { return false }
      return detail.hasPrefix("event 1 has at ") && detail.hasSuffix(", not a UTC time")
    }
  }

  @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
    let path = directory.historyPath
    try StoreFile.makeDirectory(HistoryStore.directory(of: path))
    _ = try sqlite3(path, "CREATE TABLE event (x); INSERT INTO event VALUES (1);")
    let before = bytes(path)
    #expect {
      _ = try HistoryStore.open(path: path)
    } throws: { error in
      guard case .corrupt(_, let detail) = error as? StoreError else { return false }
      return detail.contains("another program")
    }
    #expect(bytes(path) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func aCorruptFileIsReportedAndLeftUntouched() throws {
    let path = directory.historyPath
    try StoreFile.makeDirectory(HistoryStore.directory(of: path))
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
    FileManager.default.createFile(atPath: path, contents: garbage)
    for open in [HistoryStore.open, HistoryStore.openIfPresent] {
      #expect {
        _ = try open(path)
      } throws: { error in
        guard case .corrupt(let reported, _) = error as? StoreError else { return false }
        return reported == path
      }
    }
    #expect(bytes(path) == garbage)
  }

  @Test func aFileWithADamagedTableIsReportedWhenRead() throws {
    let path = directory.historyPath
    let store = try HistoryStore.open(path: path)
    try store.append((0..<400).map { .done(slot("exercise-\($0)", "2026-11-23T09:10:00+01:00"), at: nine) })
    _ = try sqlite3(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    var data = try #require(bytes(path))
    // Overwrite the pages after the schema page with garbage, keeping the header valid.
    for index in 4096..<min(data.count, 16384) { data[index] = 0xA5 }
    FileManager.default.createFile(atPath: path, contents: data)
    #expect(throws: StoreError.self) { _ = try HistoryStore.open(path: path).events() }
    #expect(bytes(path) == data)
  }

  @Test func aFileFromANewerSchemaIsReportedAndLeftUntouched() throws {
    let path = directory.historyPath
    _ = try HistoryStore.open(path: path)
    try sqlite3(path, "INSERT INTO grdb_migrations VALUES ('v3'); PRAGMA user_version = 3;")
    let before = try #require(bytes(path))
    #expect(throws: StoreError.newerSchema(path: path, found: "v3", known: "v2 (v1, v2-sync)")) {
      _ = try HistoryStore.open(path: path)
    }
    #expect(bytes(path) == before)
  }

  @Test func unknownMigrationIdsMeanANewerSchemaToo() throws {
    let path = directory.historyPath
    try StoreFile.makeDirectory(HistoryStore.directory(of: path))
    try sqlite3(
      path,
      "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'), ('v1-tags');"
    )
    let before = try #require(bytes(path))
    #expect(throws: StoreError.newerSchema(path: path, found: "v1-tags", known: "v2 (v1, v2-sync)")) {
      _ = try HistoryStore.open(path: path)
    }
    #expect(bytes(path) == before)
  }

  /// tiptoe makes a history whole under another name and links it into place: an empty file at its
  /// path is damaged (a full disk, a bad copy), refused and left empty, by readers and writers alike.
  @Test func anEmptyFileIsDamagedAndLeftEmpty() throws {
    let path = directory.historyPath
    try StoreFile.makeDirectory(HistoryStore.directory(of: path))
    FileManager.default.createFile(atPath: path, contents: Data())
    let refusal = StoreError.corrupt(path: path, detail: "it is empty: no tiptoe tables, not a tiptoe history")
    #expect(throws: refusal) { _ = try HistoryStore.openIfPresent(path: path) }
    #expect(throws: refusal) { _ = try HistoryStore.open(path: path) }
    #expect(bytes(path) == Data())
    #expect(try FileManager.default.contentsOfDirectory(atPath: HistoryStore.directory(of: path)) == ["tiptoe.sqlite"])
  }

  @Test func openingACurrentFileToReadLeavesItUntouched() throws {
    let path = directory.historyPath
    try HistoryStore.open(path: path).append([.done(slot("a", "2026-11-23T09:10:00+01:00"), at: nine)])
    let before = try #require(bytes(path))
    #expect(try HistoryStore.openIfPresent(path: path)?.events().count == 1)
    #expect(bytes(path) == before)
  }

  @Test func anUnwritableStateDirectoryIsReported() throws {
    // A regular file where a directory should be: fails for root too.
    FileManager.default.createFile(atPath: directory.path + "/state", contents: Data())
    #expect {
      _ = try HistoryStore.open(path: directory.historyPath)
    } throws: { error in
      guard case .cannotCreate(_, let reason) = error as? StoreError else { return false }
      return reason == "Not a directory"
    }
  }

  @Test func eventsOfKindsFromANewerTiptoeAreSkipped() throws {
    let store = try HistoryStore.open(path: directory.historyPath)
    try store.append([.resumed(at: nine)])
    try sqlite3(
      store.path, "INSERT INTO event (id, batch, kind, at) VALUES (2, 2, 'stretched', '2026-11-23T08:00:00Z')")
    #expect(try store.events().map(\.id) == [1])
    #expect(try store.lastEventID() == 2)
  }
}
