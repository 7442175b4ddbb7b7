import Foundation
import Testing
import TiptoeCore

@testable import TiptoeCommands

/// The heatmap's grid, month names and sparkline, from a history written by hand.
struct HeatmapTests {
  let planner: Planner
  let today = LocalDate(iso: "2026-11-29")!  // a Sunday

  init() throws {
    let text = """
      name = "Test"
      [[exercise]]
      id = "daily"
      title = "Daily"
      at = ["09:00"]
      """
    planner = Planner(routine: try RoutineLoader.load(text, file: "test.toml"), timeZone: TimeZone(identifier: "UTC")!)
  }

  /// Done on the last 20 days, except 3 days ago (skipped) and 6 days ago (nothing: missed).
  func progress() -> HabitProgress {
    let events = (0..<20).compactMap { ago -> HistoryEvent? in
      guard ago != 6 else { return nil }
      let slot = planner.slots(on: today.adding(days: -ago))[0]
      return HistoryEvent(
        id: Int64(ago + 1), batch: Int64(ago + 1), kind: ago == 3 ? .skipped : .done, slot: slot.id,
        exercise: slot.exercise, at: slot.start, slotStart: slot.start)
    }
    let history = History(planner: planner, events: events)
    let from = today.monday.adding(days: -77)
    return HabitProgress.all(history, from: from, today: today, now: planner.dayStart(today.adding(days: 1)))[0]
  }

  @Test func twelveWeeksOfDaysInSevenRows() {
    let map = Heatmap(progress(), weeks: 12, today: today)
    let lines = map.lines
    #expect(lines.count == 8)
    #expect(lines[0] == "    Sep   Oct     Nov")
    // The history starts on Tue 10 Nov; Mon 23 was missed, Thu 26 skipped.
    #expect(lines[1] == "Mon                     ● ✗")
    #expect(lines[4] == "Thu                   ● ● –")
    #expect(lines[7] == "Sun                   ● ● ●")
    #expect(map.kind(column: 11, row: 0) == .missed)
    #expect(map.kind(column: 9, row: 0) == .untracked)
    #expect(lines.allSatisfy { Terminal.columns($0) <= 4 + 2 * 12 + 1 })
  }

  @Test func theSparklineHasAWeekACharacter() {
    let map = Heatmap(progress(), weeks: 12, today: today)
    #expect(map.sparkline.count == 12)
    #expect(map.sparkline.hasPrefix("         "))  // before the history
    #expect(map.weeklyStrength.last! != nil)
  }

  @Test func eachKindHasItsOwnGlyph() {
    let glyphs = HabitDay.Kind.allCases.filter { $0 != .future && $0 != .untracked }.map(DayGlyph.glyph)
    #expect(Set(glyphs).count == glyphs.count)
  }
}
