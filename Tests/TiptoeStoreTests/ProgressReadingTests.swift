import Foundation
import Testing
import TiptoeCore

@testable import TiptoeStore

/// `progressToday` on a real SQLite file: four weeks read, and a streak marked when it goes further.
struct ProgressReadingTests {
  let directory = TemporaryDirectory()
  let planner: Planner
  let today = LocalDate(iso: "2026-11-25")!

  init() throws {
    let text = """
      name = "Test"
      [[exercise]]
      id = "daily"
      title = "Daily"
      at = ["09:00"]
      [[exercise]]
      id = "evening"
      title = "Evening"
      at = ["19:00"]
      """
    planner = Planner(routine: try RoutineLoader.load(text, file: "test.toml"), timeZone: TimeZone(identifier: "UTC")!)
  }

  /// A history with the `days` days before today done.
  func store(doneFor days: Int) throws -> HistoryStore {
    let store = try HistoryStore.open(path: directory.historyPath)
    for ago in 1...days {
      let slot = planner.slots(on: today.adding(days: -ago)).first { $0.exercise == "daily" }!
      try store.append([.done(slot, at: slot.start)])
    }
    return store
  }

  @Test func aStreakWithinTheWindowIsExact() throws {
    let progress = try store(doneFor: 10).progressToday(planner, today: today, now: planner.dayStart(today))
    #expect(progress[0].streak.current == 10)
    #expect(!progress[0].streakGoesFurther)
  }

  @Test func aStreakLongerThanTheWindowIsMarked() throws {
    let progress = try store(doneFor: 60).progressToday(planner, today: today, now: planner.dayStart(today))
    // Read from the Monday before four weeks ago (2026-10-26), less a day: 30 days before today.
    #expect(progress[0].streak.current == 30)
    #expect(progress[0].streakGoesFurther)
    #expect(ProgressText.streak(30, atLeast: true) == "30+-day streak")
  }

  /// The agent asks for the exercises of one reminder: it gets theirs alone, the same as in the whole.
  @Test func progressOfSomeExercisesIsTheirsInTheWhole() throws {
    let store = try store(doneFor: 10)
    let now = planner.dayStart(today)
    let all = try store.progressToday(planner, today: today, now: now)
    let some = try store.progressToday(planner, today: today, now: now, exercises: ["daily"])
    #expect(all.map(\.exercise.id) == ["daily", "evening"])
    #expect(some.map(\.exercise.id) == ["daily"])
    #expect(some[0].streak == all[0].streak && some[0].week == all[0].week && some[0].strength == all[0].strength)
    #expect(all[1].streak.current == 0)
  }
}
