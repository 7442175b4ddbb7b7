import Foundation
import Testing
import TiptoeCore
import TiptoeStore

@testable import TiptoeAgent

/// The agent's events kept in memory read the same history as the file, whoever appended to it
/// (the agent, or the command line through another connection) and however old the slots asked for.
struct RecentEventsTests {
  let directory: URL
  let store: HistoryStore
  /// The command line's connection to the same file.
  let other: HistoryStore
  let planner: Planner

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiptoe-recent-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(HistoryStore.fileName).path
    store = try HistoryStore.open(path: path)
    other = try HistoryStore.open(path: path)
    let routine = try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
    planner = Planner(routine: routine, timeZone: TimeZone(identifier: "Europe/Berlin")!)
  }

  /// The events of the slots from `first` on for `days`, as the file has them and as the memory has them.
  func both(_ recent: RecentEvents, keep: LocalDate, from first: LocalDate, days: Int) throws -> ([Int64], [Int64]) {
    let file = try store.history(planner, from: first, days: days).events.map(\.id)
    let memory = try store.read { transaction in
      try recent.reading(transaction, keep: planner.dayStart(keep), planner: planner)
        .history(planner, from: first, days: days)
    }
    return (file, memory.events.map(\.id))
  }

  @Test func theMemoryReadsWhatTheFileHolds() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let day = LocalDate(iso: "2026-03-20")!
    let recent = RecentEvents()
    // Forty days of answers, and a pause.
    for offset in -40..<0 {
      let slots = planner.slots(on: day.adding(days: offset))
      try store.append(slots.prefix(2).map { .fired($0, at: $0.start) })
      try store.append([.done(slots[0], at: slots[0].start.addingTimeInterval(60))])
    }
    try store.append([.paused(at: planner.dayStart(day), until: nil)])
    var (file, memory) = try both(recent, keep: day.adding(days: -30), from: day.adding(days: -7), days: 8)
    #expect(!file.isEmpty && memory == file)
    #expect(
      try store.read {
        try recent.reading($0, keep: planner.dayStart(day.adding(days: -30)), planner: planner).pauseEvents().count
      } == 1)

    // The command line answers today and undoes an older answer: the memory reads only the new rows.
    let today = planner.slots(on: day)
    try other.append([.skipped(today[0], at: today[0].start)])
    try other.undoLast(at: today[0].start.addingTimeInterval(5))
    try other.append([.done(today[1], at: today[1].start)])
    try other.append([.resumed(at: today[1].start)])
    (file, memory) = try both(recent, keep: day.adding(days: -30), from: day.adding(days: -7), days: 8)
    #expect(memory == file && file.count >= 3)
    try expectKeptHistoryIsRead(recent, keep: day.adding(days: -30))
    #expect(
      try store.read {
        try recent.reading($0, keep: planner.dayStart(day.adding(days: -30)), planner: planner).pauseEvents().count
      } == 2)

    // Slots older than the memory keeps come from the file.
    (file, memory) = try both(recent, keep: day.adding(days: -20), from: day.adding(days: -39), days: 30)
    #expect(memory == file && file.count > 60)
    // A start further back than kept reads the file again.
    (file, memory) = try both(recent, keep: day.adding(days: -41), from: day.adding(days: -40), days: 41)
    #expect(memory == file && file.count > 100)
    #expect(recent.start == planner.dayStart(day.adding(days: -41)))
    // The next day lets the oldest day go, and the kept history is still the file's.
    try expectKeptHistoryIsRead(recent, keep: day.adding(days: -40))
    #expect(recent.start == planner.dayStart(day.adding(days: -40)))

    // Kept from where the progress reads, the progress a reminder shows is what the command line shows.
    let start = HabitProgress.recentStart(planner, today: day)
    let kept = try store.read { try recent.reading($0, keep: start, planner: planner).history }
    let now = planner.slots(on: day)[2].start
    let shown = HabitProgress.today(kept, today: day, now: now) { true }
    let printed = try store.progressToday(planner, today: day, now: now)
    #expect(shown.map(\.strength) == printed.map(\.strength) && shown[0].strength > 0)
    #expect(shown.map(\.streak.current) == printed.map(\.streak.current))
    #expect(shown.map(\.streakGoesFurther) == printed.map(\.streakGoesFurther))
    #expect(shown.map(\.week) == printed.map(\.week))
  }

  /// The history kept (folded a few events at a time) is the history of the same slots read from the
  /// file at once.
  func expectKeptHistoryIsRead(_ recent: RecentEvents, keep: LocalDate) throws {
    let start = planner.dayStart(keep)
    let kept = try store.read { try recent.reading($0, keep: start, planner: planner).history }
    let read = History(
      planner: planner, events: try store.events(forSlotsFrom: start, to: .distantFuture),
      pauseEvents: try store.pauseEvents())
    #expect(kept.records == read.records && !read.records.isEmpty)
    #expect(kept.goals == read.goals && kept.recordsByDay.firstDay == read.recordsByDay.firstDay)
  }
}
