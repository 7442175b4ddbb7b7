import Foundation
import Testing

@testable import TiptoeCore

/// A history kept up to date by `append` equals the history read with every event from the start:
/// the agent keeps one, the command line reads one, and they must never disagree.
struct HistoryAppendTests {
  let planner: Planner

  init() throws { planner = Planner(routine: try routine(HabitProgressTests.text), timeZone: zone("Europe/Berlin")) }

  /// Random slot events over two weeks of the routine's slots, undos of earlier ones (undos of undos
  /// too), pauses and resumes, in append order.
  func randomEvents(seed: UInt64, count: Int) -> [HistoryEvent] {
    var random = SplitMix(seed: seed)
    let slots = (0..<14).flatMap { planner.slots(on: date("2026-11-02").adding(days: $0)) }
    let kinds: [EventKind] = [.fired, .fired, .done, .done, .skipped, .snoozed, .missed]
    var events: [HistoryEvent] = []
    for index in 1...count {
      let id = Int64(index)
      let at = instant("2026-11-02T08:00:00Z").addingTimeInterval(Double(index) * 600)
      switch Int.random(in: 0..<10, using: &random) {
      case 0 where !events.isEmpty:
        let target = events.randomElement(using: &random)!
        events.append(
          HistoryEvent(
            id: id, batch: id, kind: .undone, slot: target.slot, exercise: target.exercise, at: at,
            slotStart: target.slotStart, undoes: target.id))
      case 1:
        let kind: EventKind = Bool.random(using: &random) ? .paused : .resumed
        events.append(
          HistoryEvent(id: id, batch: id, kind: kind, slot: nil, exercise: nil, at: at, slotStart: nil, until: nil))
      default:
        let slot = slots.randomElement(using: &random)!
        let kind = kinds.randomElement(using: &random)!
        events.append(
          HistoryEvent(
            id: id, batch: id, kind: kind, slot: slot.id, exercise: slot.exercise, at: at, slotStart: slot.start,
            until: kind == .snoozed ? at.addingTimeInterval(600) : nil))
      }
    }
    return events
  }

  /// What a reader of the history sees: each record, each day's records, the weeks' goals, the pauses.
  func expectSame(_ kept: History, _ read: History, _ comment: Comment) {
    #expect(kept.records == read.records, comment)
    #expect(kept.recordsByDay.dates == read.recordsByDay.dates, comment)
    #expect(kept.recordsByDay.firstDay == read.recordsByDay.firstDay, comment)
    for exercise in planner.routine.exercises.map(\.id) {
      for day in read.recordsByDay.dates {
        let ordinals = { (history: History) in
          history.recordsByDay.records(exercise, day.dayNumber).sorted { $0.ordinal < $1.ordinal }.map(\.record)
        }
        #expect(ordinals(kept) == ordinals(read), comment)
      }
    }
    #expect(kept.goals == read.goals, comment)
    #expect(kept.unsettled == read.unsettled, comment)
    #expect(kept.pauseEvents == read.pauseEvents, comment)
    #expect(kept.events == read.events, comment)
  }

  @Test(arguments: 1...20 as ClosedRange<UInt64>)
  func appendingInStepsEqualsReadingEverything(seed: UInt64) {
    let events = randomEvents(seed: seed, count: 300)
    var random = SplitMix(seed: seed + 1000)
    var kept = History(planner: planner, events: [], pauseEvents: [])
    var start = 0
    while start < events.count {
      let end = min(events.count, start + Int.random(in: 1...12, using: &random))
      kept.append(Array(events[start..<end]))
      start = end
      expectSame(kept, History(planner: planner, events: Array(events[..<end])), "seed \(seed), \(end) events")
    }
  }

  @Test func eventsOutOfOrderAreReadAgainFromTheStart() {
    let events = randomEvents(seed: 7, count: 60)
    let kept = History(planner: planner, events: Array(events[30...])).appending(Array(events[..<30]))
    expectSame(kept, History(planner: planner, events: Array(events[30...]) + Array(events[..<30])), "out of order")
  }

  @Test func undoingTheOnlyEventOfASlotLeavesNoRecord() {
    let slot = planner.slots(on: date("2026-11-02"))[0]
    let done = HistoryEvent(
      id: 1, batch: 1, kind: .done, slot: slot.id, exercise: slot.exercise, at: slot.start, slotStart: slot.start)
    let undo = HistoryEvent(
      id: 2, batch: 2, kind: .undone, slot: slot.id, exercise: slot.exercise, at: slot.start, slotStart: slot.start,
      undoes: 1)
    let kept = History(planner: planner, events: [done]).appending([undo])
    #expect(kept.records.isEmpty)
    #expect(kept.recordsByDay.firstDay == nil)
  }
}
