import Foundation
import Testing
import TiptoeCore

@testable import TiptoeCommands

/// The command line's one JSON writer, and `plan --json` written through it.
struct JSONWriterTests {
  func context(_ text: String, zone: String) throws -> Context {
    Context(
      routine: try RoutineLoader.load(text, file: "test.toml"), routineName: "test.toml",
      timeZone: TimeZone(identifier: zone)!, zoneName: zone, now: Date(timeIntervalSince1970: 1_790_000_000))
  }

  /// A history in which the slots of even ordinal are done; the others, long past, are missed.
  func history(_ context: Context, evenDoneAmong slots: [Slot]) -> History {
    let done = slots.filter { $0.ordinal % 2 == 0 }.enumerated().map { offset, slot in
      HistoryEvent(
        id: Int64(offset + 1), batch: Int64(offset + 1), kind: .done, slot: slot.id, exercise: slot.exercise,
        at: slot.start, slotStart: slot.start)
    }
    return History(planner: context.planner, events: done)
  }

  func parse(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(arguments: ["America/New_York", "Asia/Kathmandu", "UTC", "Australia/Lord_Howe"])
  func planJSONIsTheContractsDocument(_ zoneName: String) throws {
    let context = try context(
      """
      [day]
      start = "00:00"
      end = "23:55"
      [[exercise]]
      id = "a"
      title = "Toe \\"presses\\" \\\\ 🦶 \\u0001"
      at = ["02:30", "12:00:05"]
      minutes = 3
      [[exercise]]
      id = "b"
      title = "B"
      every = "4 times a day"
      """, zone: zoneName)
    let slots = Array(context.planner.slots(from: LocalDate(iso: "2026-03-07")!, days: 40))
    #expect(slots.allSatisfy { $0.start < context.now })
    let printer = PlanPrinter(context: context, history: history(context, evenDoneAmong: slots))
    let text = printer.json(slots, to: "")
    #expect(text.hasSuffix("\n]}\n"))
    let document = try parse(text)
    #expect(document["timezone"] as? String == zoneName)
    let written = try #require(document["slots"] as? [[String: Any]])
    #expect(written.count == slots.count)
    for (json, slot) in zip(written, slots) {
      #expect(json["id"] as? String == slot.id)
      #expect(json["exercise"] as? String == slot.exercise)
      #expect(json["title"] as? String == context.routine.exercise(id: slot.exercise)?.title)
      #expect(json["start"] as? String == slot.isoStart)
      #expect(json["minutes"] as? Int == (slot.exercise == "a" ? 3 : 2))
      #expect(json["status"] as? String == (slot.ordinal % 2 == 0 ? "done" : "missed"))
    }
  }

  @Test func ordinalsPast999KeepAllTheirDigits() throws {
    let times = (0..<1000).map { "\"\(String(format: "%02d:%02d:%02d", $0 / 60, $0 % 60, 1))\"" }
    let context = try context(
      "[day]\nstart = \"00:00\"\nend = \"23:55\"\n[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = [\(times.joined(separator: ", "))]\n",
      zone: "UTC")
    let slots = Array(context.planner.slots(on: LocalDate(iso: "2026-11-23")!))
    let written = try #require(
      try parse(PlanPrinter(context: context, history: .empty(context.planner)).json(slots, to: ""))["slots"]
        as? [[String: Any]])
    #expect(written.map { $0["id"] as? String } == slots.map(\.id))
    #expect(written.last?["id"] as? String == "a/2026-11-23/1000")
  }

  @Test func anEmptyPlanIsAnEmptyList() throws {
    let context = Context(
      routine: Routine(name: "x", exercises: []), routineName: "x", timeZone: TimeZone(identifier: "UTC")!,
      zoneName: "UTC", now: Date())
    let printer = PlanPrinter(context: context, history: .empty(context.planner))
    #expect(printer.json([], to: "") == "{\"timezone\": \"UTC\", \"slots\": []}\n")
  }

  @Test func valuesAreEscapedByUnicodeScalar() {
    let value = JSON.object([
      ("text", .string("a\"b\\c\n\u{1}\u{2028}é🦶")), ("n", .int(-3)), ("none", .null), ("list", .array([.bool(true)])),
    ])
    #expect(value.text == #"{"text": "a\"b\\c\n\u0001\u2028é🦶", "n": -3, "none": null, "list": [true]}"#)
  }
}
