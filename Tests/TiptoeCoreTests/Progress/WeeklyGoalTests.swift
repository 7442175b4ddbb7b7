import Foundation
import Testing

@testable import TiptoeCore

/// A weekly goal below the planned count: once met, the agent leaves the week's other slots alone.
struct WeeklyGoalTests {
  static let text = """
    name = "Test"
    [day]
    timezone = "Europe/Berlin"
    [[exercise]]
    id = "weekly"
    title = "Weekly"
    every = "twice or three times a week"
    [[exercise]]
    id = "three"
    title = "Three"
    every = "3 times a week"
    """

  let planner: Planner
  let rules: ReminderRules

  init() throws {
    planner = Planner(routine: try routine(Self.text), timeZone: zone("Europe/Berlin"))
    rules = ReminderRules(planner: planner, settings: ReminderSettings())
  }

  func slot(_ exercise: String, _ day: String) -> Slot {
    planner.slots(on: date(day)).first { $0.exercise == exercise }!
  }

  func done(_ slots: [Slot]) -> History {
    History(
      planner: planner,
      events: slots.enumerated().map { index, slot in
        HistoryEvent(
          id: Int64(index + 1), batch: Int64(index + 1), kind: .done, slot: slot.id, exercise: slot.exercise,
          at: slot.start, slotStart: slot.start)
      })
  }

  @Test func theGoalMetMakesTheRemainingSlotsOptional() {
    // Mon 2026-11-02 and Wed 2026-11-04 done: Friday's slot (14:30) is optional.
    let history = done([slot("weekly", "2026-11-02"), slot("weekly", "2026-11-04"), slot("three", "2026-11-02")])
    let friday = slot("weekly", "2026-11-06")
    #expect(history.isOptional(friday))
    #expect(!history.isOptional(slot("three", "2026-11-06")))  // no goal below the planned count
    #expect(!history.isOptional(slot("weekly", "2026-11-09")))  // the next week starts afresh
    // At its time: nothing shown for it, and later nothing logged missed.
    let atFriday = rules.decide(history, now: friday.start)
    #expect(atFriday.show.flatMap(\.slots).map(\.exercise) == ["three"])
    let evening = rules.decide(history.recording(atFriday, at: friday.start), now: instant("2026-11-06T23:00:00+01:00"))
    #expect(!evening.missed.contains(friday))
    #expect(history.status(of: friday, now: instant("2026-11-07T12:00:00+01:00")) == .goalMet)
  }

  @Test func anOptionalSlotCanStillBeDone() {
    let friday = slot("weekly", "2026-11-06")
    let history = done([slot("weekly", "2026-11-02"), slot("weekly", "2026-11-04"), friday])
    #expect(!history.isOptional(friday))
    #expect(history.status(of: friday, now: friday.start) == .done)
  }

  @Test func theAgentReadsTheWholeWeek() {
    // On Friday the window reaches back to Monday, so the goal is seen.
    let window = rules.window(around: slot("weekly", "2026-11-06").start)
    #expect(window.start < instant("2026-11-02T00:00:00+01:00"))
  }
}
