import Foundation
import Testing

@testable import TiptoeCore

struct PlanJSONWriterTests {
  @Test(arguments: ["America/New_York", "Asia/Kathmandu", "UTC", "Australia/Lord_Howe"])
  func writesTheContractsJSON(_ zoneName: String) throws {
    let routine = try routine(
      """
      [day]
      start = "00:00"
      end = "23:55"
      [[exercise]]
      id = "a"
      title = "Toe \\"presses\\" \\\\ 🦶"
      at = ["02:30", "12:00:05"]
      minutes = 3
      [[exercise]]
      id = "b"
      title = "B"
      every = "4 times a day"
      """)
    let planner = Planner(routine: routine, timeZone: zone(zoneName))
    let slots = Array(planner.slots(from: date("2026-03-07"), days: 40))
    var writer = PlanJSONWriter(routine: routine, timeZoneIdentifier: zoneName)
    for (index, slot) in slots.enumerated() { writer.append(slot, status: index % 2 == 0 ? .pending : .done) }
    writer.finish()
    let bytes = writer.buffer.withBytes { Array($0) }
    #expect(bytes.last == 10)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect(document["timezone"] as? String == zoneName)
    let written = try #require(document["slots"] as? [[String: Any]])
    #expect(written.count == slots.count)
    for (index, (json, slot)) in zip(written, slots).enumerated() {
      #expect(json["id"] as? String == slot.id)
      #expect(json["exercise"] as? String == slot.exercise)
      #expect(json["title"] as? String == routine.exercise(id: slot.exercise)?.title)
      #expect(json["start"] as? String == slot.isoStart)
      #expect(json["minutes"] as? Int == (slot.exercise == "a" ? 3 : 2))
      #expect(json["status"] as? String == (index % 2 == 0 ? "pending" : "done"))
    }
  }

  @Test func anEmptyPlanIsAnEmptyList() throws {
    var writer = PlanJSONWriter(routine: Routine(name: "x", exercises: []), timeZoneIdentifier: "UTC")
    writer.finish()
    #expect(
      writer.buffer.withBytes { String(decoding: $0, as: UTF8.self) } == "{\"timezone\": \"UTC\", \"slots\": []}\n")
  }
}
