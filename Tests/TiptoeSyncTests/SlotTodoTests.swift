import Foundation
import Testing
import TiptoeCore

@testable import TiptoeSync

struct SlotTodoTests {
  let zone = TimeZone(identifier: "Europe/Berlin")!
  var planner: Planner {
    Planner(routine: try! RoutineLoader.load(BuiltInRoutine.text, file: "built-in"), timeZone: zone)
  }
  let now = ISO8601.instant("2026-11-23T10:00:00Z", strict: true)!

  func calendar(_ action: SlotAction?) -> (Slot, String) {
    let slot = planner.slots(on: LocalDate(iso: "2026-11-23")!)[0]
    var lines = ContentLines()
    VTimeZone(timeZone: zone, covering: slot.date...slot.date).write(to: &lines)
    let text = SlotTodo.calendar(
      slot, title: "Toe presses, slowly", action: action, device: "laptop", now: now, zoneName: zone.identifier,
      zone: lines)
    return (slot, text)
  }

  @Test func aDoneSlotIsACompletedTodoDueAtTheSlotInItsZone() throws {
    let at = now.addingTimeInterval(-600)
    let (slot, text) = calendar(SlotAction(outcome: .done, at: at))
    let lines = SlotTodo.unfolded(text)
    #expect(lines.contains("STATUS:COMPLETED"))
    #expect(lines.contains("COMPLETED:20261123T095000Z"))
    #expect(lines.contains("LAST-MODIFIED:20261123T095000Z"))
    #expect(lines.contains("X-TIPTOE-DEVICE:laptop"))
    #expect(lines.contains("X-TIPTOE-SLOT:\(slot.id)"))
    #expect(lines.contains("SUMMARY:Toe presses\\, slowly"))
    #expect(lines.contains { $0.hasPrefix("DUE;TZID=Europe/Berlin:20261123T") })
    #expect(lines.contains("BEGIN:VTIMEZONE"))
    let read = try #require(SlotTodo(calendar: text))
    #expect(read == SlotTodo(slot: slot.id, action: SlotAction(outcome: .done, at: at, device: "laptop")))
  }

  @Test func aSlotNotDecidedYetCarriesNoAction() throws {
    let (slot, text) = calendar(nil)
    #expect(SlotTodo.unfolded(text).contains("STATUS:NEEDS-ACTION"))
    #expect(SlotTodo(calendar: text) == SlotTodo(slot: slot.id, action: nil))
  }

  @Test func aTaskAppTickingTheTodoIsAnActionOfThatApp() throws {
    let (slot, text) = calendar(nil)
    let ticked = text.replacingOccurrences(
      of: "STATUS:NEEDS-ACTION", with: "STATUS:COMPLETED\r\nCOMPLETED:20261123T120000Z")
    let read = try #require(SlotTodo(calendar: ticked))
    let noon = ISO8601.instant("2026-11-23T12:00:00Z", strict: true)!
    #expect(read.action == SlotAction(outcome: .done, at: noon, device: SlotTodo.otherApp))
    #expect(read.slot == slot.id)
    // Unticking a done slot takes it back.
    let (_, done) = calendar(SlotAction(outcome: .done, at: now))
    let unticked = done.replacingOccurrences(of: "STATUS:COMPLETED", with: "STATUS:NEEDS-ACTION")
    #expect(SlotTodo(calendar: unticked)?.action?.outcome == .undone)
  }

  @Test func aCalendarWithoutATiptoeSlotIsIgnored() {
    #expect(SlotTodo(calendar: "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n") == nil)
    #expect(SlotTodo(calendar: "not a calendar") == nil)
  }
}
