import Foundation
import Testing

@testable import TiptoeCore

/// The user's latest word on a slot, and the merge rule sync applies to it.
struct SlotActionTests {
  func at(_ time: String) -> Date { instant("2026-11-23T\(time):00Z") }

  func event(_ id: Int64, _ kind: EventKind, at time: String, undoes: Int64? = nil, device: String? = nil)
    -> HistoryEvent
  {
    HistoryEvent(
      id: id, batch: id, kind: kind, slot: "toe-presses/2026-11-23/1", exercise: "toe-presses", at: at(time),
      slotStart: at("09:10"), undoes: undoes, device: device)
  }

  @Test func whatTheAgentRecordsAndSnoozesAreNoAction() {
    #expect(SlotAction.latest(in: []) == nil)
    #expect(SlotAction.latest(in: [event(1, .fired, at: "09:10"), event(2, .snoozed, at: "09:11")]) == nil)
    #expect(SlotAction.latest(in: [event(1, .missed, at: "13:30")]) == nil)
  }

  @Test func theStandingDoneOrSkipIsTheAction() {
    #expect(SlotAction.latest(in: [event(1, .done, at: "09:12")]) == SlotAction(outcome: .done, at: at("09:12")))
    let merged = [event(1, .done, at: "09:12"), event(2, .skipped, at: "09:40", device: "desktop")]
    #expect(SlotAction.latest(in: merged) == SlotAction(outcome: .skipped, at: at("09:40"), device: "desktop"))
  }

  @Test func anUndoneDoneIsAnUndoDatedByTheUndo() {
    let events = [event(1, .done, at: "09:12"), event(2, .undone, at: "09:13", undoes: 1)]
    #expect(SlotAction.latest(in: events) == SlotAction(outcome: .undone, at: at("09:13")))
    // Undoing a later skip leaves the done standing, dated by the user's last word.
    let back = [
      event(1, .done, at: "09:12"), event(2, .skipped, at: "09:20"), event(3, .undone, at: "09:21", undoes: 2),
    ]
    #expect(SlotAction.latest(in: back) == SlotAction(outcome: .done, at: at("09:21")))
    // Undoing a snooze is not about done or skip.
    #expect(SlotAction.latest(in: [event(1, .snoozed, at: "09:12"), event(2, .undone, at: "09:13", undoes: 1)]) == nil)
  }

  @Test func theNewerActionWinsAndTiesGoToTheLargerDeviceName() {
    let laptop = SlotAction(outcome: .done, at: at("09:12"))
    let desktop = SlotAction(outcome: .skipped, at: at("09:12"), device: "desktop")
    let later = SlotAction(outcome: .skipped, at: at("09:13"), device: "desktop")
    #expect(later.wins(over: laptop, localDevice: "laptop"))
    #expect(!laptop.wins(over: later, localDevice: "laptop"))
    #expect(!desktop.wins(over: laptop, localDevice: "laptop"))  // "laptop" > "desktop"
    #expect(laptop.wins(over: desktop, localDevice: "phone"))  // on a third device, the same winner
    #expect(desktop.wins(over: nil, localDevice: "laptop"))
  }
}
