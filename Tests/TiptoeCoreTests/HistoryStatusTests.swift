import Foundation
import Testing

@testable import TiptoeCore

/// Status derivation from a slot's events: the rules of the history.
struct HistoryStatusTests {
  let start = instant("2026-11-23T09:10:00Z")
  let dueEnd = instant("2026-11-23T13:30:00Z")

  func at(_ time: String) -> Date { instant("2026-11-23T\(time):00Z") }

  func event(_ id: Int64, _ kind: EventKind, at time: String, until: String? = nil, undoes: Int64? = nil)
    -> HistoryEvent
  {
    HistoryEvent(
      id: id, batch: id, kind: kind, slot: "toe-presses/2026-11-23/1", exercise: "toe-presses", at: at(time),
      slotStart: start, until: until.map(at), undoes: undoes)
  }

  func status(_ events: [HistoryEvent], now: String) -> SlotStatus {
    SlotRecord.build(from: events)["toe-presses/2026-11-23/1", default: SlotRecord()]
      .status(start: start, dueEnd: dueEnd, now: at(now))
  }

  @Test func withoutEventsTheClockDecides() {
    #expect(status([], now: "09:09") == .pending)
    #expect(status([], now: "09:10") == .due)
    #expect(status([], now: "13:29") == .due)
    #expect(status([], now: "13:30") == .missed)
  }

  @Test func doneAndSkippedSettleTheSlotEvenBeforeItStarts() {
    #expect(status([event(1, .done, at: "08:00")], now: "08:30") == .done)
    #expect(status([event(1, .done, at: "09:15")], now: "23:00") == .done)
    #expect(status([event(1, .skipped, at: "09:15")], now: "09:20") == .skipped)
  }

  @Test func aSnoozeLastsUntilItsEndThenTheSlotIsDueAgainUntilTheWindowEnds() {
    let snoozed = [event(1, .snoozed, at: "09:12", until: "09:22")]
    #expect(status(snoozed, now: "09:21") == .snoozed)
    #expect(status(snoozed, now: "09:22") == .due)
    #expect(status(snoozed, now: "13:30") == .missed)
    // A snooze past the window's end does not keep the slot alive: the next slot has come.
    #expect(status([event(1, .snoozed, at: "13:00", until: "14:00")], now: "13:45") == .missed)
  }

  @Test func theNewestDecisionWins() {
    #expect(
      status([event(1, .snoozed, at: "09:12", until: "09:22"), event(2, .done, at: "09:15")], now: "09:16") == .done)
    #expect(status([event(2, .done, at: "09:15"), event(1, .skipped, at: "09:12")], now: "09:16") == .done)
    #expect(status([event(1, .missed, at: "13:30"), event(2, .done, at: "14:00")], now: "14:00") == .done)
  }

  @Test func undoneEventsAreIgnored() {
    let undone = [event(1, .done, at: "09:15"), event(2, .undone, at: "09:16", undoes: 1)]
    #expect(status(undone, now: "09:17") == .due)
    #expect(status(undone, now: "08:00") == .pending)
    let earlier = [
      event(1, .skipped, at: "09:11"), event(2, .done, at: "09:15"), event(3, .undone, at: "09:16", undoes: 2),
    ]
    #expect(status(earlier, now: "09:17") == .skipped)
  }

  @Test func standingEventsLeaveOutEveryUndoEvenOneThatNamesNothing() {
    let done = event(1, .done, at: "09:15")
    #expect(HistoryEvent.standing([done, event(2, .undone, at: "09:16")]).map(\.id) == [1])
    #expect(HistoryEvent.standing([done, event(2, .undone, at: "09:16", undoes: 1)]).isEmpty)
    #expect(HistoryEvent.standing([done]).map(\.id) == [1])
  }

  @Test func firedEventsDoNotChangeTheStatus() {
    #expect(status([event(1, .fired, at: "09:10")], now: "09:11") == .due)
  }

  @Test func statusesOfAPlannedDayUseTheNextSlotOfTheSameExercise() throws {
    let routine = try routine(
      """
      name = "t"
      [day]
      start = "08:00"
      end = "20:00"
      timezone = "Europe/Berlin"
      [[exercise]]
      id = "a"
      title = "A"
      at = ["09:00", "13:00"]
      [[exercise]]
      id = "b"
      title = "B"
      at = ["10:00"]
      """)
    let planner = Planner(routine: routine, timeZone: zone("Europe/Berlin"))
    let slots = planner.slots(on: date("2026-11-23"))
    let a1 = slots.first { $0.id == "a/2026-11-23/1" }!
    let b1 = slots.first { $0.id == "b/2026-11-23/1" }!
    #expect(planner.dueEnd(of: a1) == instant("2026-11-23T13:00:00+01:00"))
    #expect(planner.dueEnd(of: b1) == instant("2026-11-24T00:00:00+01:00"))
    let done = HistoryEvent(
      id: 7, batch: 7, kind: .done, slot: b1.id, exercise: "b", at: instant("2026-11-23T08:00:00+01:00"),
      slotStart: b1.start)
    let statuses = History(planner: planner, events: [done])
    let noon = instant("2026-11-23T12:00:00+01:00")
    #expect(slots.map { statuses.status(of: $0, now: noon) } == [.due, .done, .pending])
    let evening = instant("2026-11-23T23:59:00+01:00")
    #expect(slots.map { statuses.status(of: $0, now: evening) } == [.missed, .done, .due])
  }

  @Test func slotsOfOtherDaysFindTheirEventsAndPastOnesWithoutEventsAreMissed() throws {
    let routine = try routine("name = \"t\"\n[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = [\"09:00\"]\n")
    let planner = Planner(routine: routine, timeZone: zone("UTC"))
    let old = planner.slots(on: date("2026-11-20"))[0]
    let older = planner.slots(on: date("2026-11-19"))[0]
    let done = HistoryEvent(
      id: 1, batch: 1, kind: .done, slot: old.id, exercise: "a", at: old.start, slotStart: old.start)
    let statuses = History(planner: planner, events: [done])
    let now = instant("2026-11-23T12:00:00Z")
    #expect(statuses.status(of: old, now: now) == .done)
    #expect(statuses.status(of: older, now: now) == .missed)
    #expect(statuses.status(of: planner.slots(on: date("2026-11-23"))[0], now: now) == .due)
    #expect(statuses.status(of: planner.slots(on: date("2026-11-24"))[0], now: now) == .pending)
  }

  @Test func theEndOfADayWithAClockChangeIsTheNextLocalMidnight() {
    let planner = Planner(routine: Routine(name: "t", exercises: []), timeZone: zone("Europe/Berlin"))
    #expect(planner.dayStart(date("2026-10-26")) == instant("2026-10-26T00:00:00+01:00"))
    #expect(planner.dayStart(date("2026-10-25")) == instant("2026-10-25T00:00:00+02:00"))
  }

  @Test func pauseState() {
    let paused = HistoryEvent(
      id: 1, batch: 1, kind: .paused, slot: nil, exercise: nil, at: at("09:00"), slotStart: nil, until: at("10:00"))
    #expect(PauseState(events: [paused], now: at("09:30")) == .paused(until: at("10:00")))
    #expect(PauseState(events: [paused], now: at("10:00")) == .running)
    let resumed = HistoryEvent(
      id: 2, batch: 2, kind: .resumed, slot: nil, exercise: nil, at: at("09:40"), slotStart: nil)
    #expect(PauseState(events: [paused, resumed], now: at("09:45")) == .running)
    let undo = HistoryEvent(
      id: 3, batch: 3, kind: .undone, slot: nil, exercise: nil, at: at("09:41"), slotStart: nil, undoes: 2)
    #expect(PauseState(events: [paused, resumed, undo], now: at("09:45")) == .paused(until: at("10:00")))
    #expect(PauseState(events: [], now: at("09:45")) == .running)
  }
}
