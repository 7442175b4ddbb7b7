import Foundation
import Testing
import TiptoeCore

@testable import TiptoeSync

struct PlanResourcesTests {
  let planner = Planner(
    routine: try! RoutineLoader.load(BuiltInRoutine.text, file: "built-in"),
    timeZone: TimeZone(identifier: "Europe/Berlin")!)

  func export(stamp: String) -> String {
    var text = ""
    ICalendarExporter(planner: planner, stamp: ISO8601.instant(stamp, strict: true)!)
      .write(.series, from: LocalDate(iso: "2026-01-01")!, to: &text)
    return text
  }

  @Test func oneResourcePerEventEachACompleteCalendarWithTheZone() throws {
    let resources = PlanResources.split(export(stamp: "2026-11-23T10:00:00Z"))
    let events = export(stamp: "2026-11-23T10:00:00Z").components(separatedBy: "BEGIN:VEVENT").count - 1
    #expect(resources.count == events)
    let body = try #require(resources["toe-presses.1.ics"])
    #expect(body.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && body.hasSuffix("END:VCALENDAR\r\n"))
    #expect(body.components(separatedBy: "BEGIN:VEVENT").count == 2)
    #expect(body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"))
    #expect(body.contains("UID:toe-presses.1@tiptoe\r\n"))
  }

  @Test func theDigestIgnoresWhenTheExportWasMade() {
    let first = PlanResources.split(export(stamp: "2026-11-23T10:00:00Z"))
    let later = PlanResources.split(export(stamp: "2026-12-01T10:00:00Z"))
    #expect(first["toe-presses.1.ics"] != later["toe-presses.1.ics"])
    #expect(PlanResources.digest(first["toe-presses.1.ics"]!) == PlanResources.digest(later["toe-presses.1.ics"]!))
  }
}
