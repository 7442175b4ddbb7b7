import Foundation
import Testing

@testable import TiptoeCore

/// The engine across DST changes, both ways, in both hemispheres, with a 30-minute shift,
/// and over a whole year, checked against Foundation's calendar as an independent oracle.
struct DaylightSavingTests {
  /// A routine with daily frequencies and explicit times that fall in gaps and folds.
  static let routineText = """
    [day]
    start = "00:00"
    end = "23:55"

    [[exercise]]
    id = "thrice"
    title = "Three times"
    every = "3 times a day"

    [[exercise]]
    id = "twice"
    title = "Twice"
    every = "twice daily"

    [[exercise]]
    id = "night"
    title = "Night"
    at = ["01:30", "01:45", "02:15", "02:30", "12:00"]
    """

  /// (zone, local date of the change, a time in the gap or fold, the instant it must map to, kind).
  static let changes: [(String, String, String, String)] = [
    // Spring forward: a time in the gap moves forward by the gap.
    ("Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T03:30:00+02:00"),
    ("America/New_York", "2026-03-08", "02:30", "2026-03-08T03:30:00-04:00"),
    ("Australia/Sydney", "2026-10-04", "02:30", "2026-10-04T03:30:00+11:00"),
    ("Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-04T02:45:00+11:00"),
    // Fall back: a repeated time means the first occurrence.
    ("Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T02:30:00+02:00"),
    ("America/New_York", "2026-11-01", "01:30", "2026-11-01T01:30:00-04:00"),
    ("Australia/Sydney", "2026-04-05", "02:30", "2026-04-05T02:30:00+11:00"),
    ("Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-05T01:45:00+11:00"),
  ]

  @Test(arguments: changes)
  func gapsMoveForwardAndFoldsTakeTheFirstOccurrence(
    _ zoneName: String, _ day: String, _ time: String, _ expected: String
  ) throws {
    let planner = Planner(routine: try routine(Self.routineText), timeZone: zone(zoneName))
    let slots = planner.slots(on: date(day))
    let slot = try #require(slots.first { $0.exercise == "night" && $0.time.description == time })
    #expect(slot.isoStart == expected)
    #expect(slot.start == instant(expected))
    // Every exercise keeps its count on the day of the change, in order, ids unique.
    #expect(slots.filter { $0.exercise == "thrice" }.count == 3)
    #expect(slots.filter { $0.exercise == "twice" }.count == 2)
    #expect(slots.filter { $0.exercise == "night" }.count == 5)
    #expect(slots.map(\.start) == slots.map(\.start).sorted())
    for exercise in ["thrice", "twice", "night"] {
      let starts = slots.filter { $0.exercise == exercise }.map(\.start)
      #expect(Set(starts).count == starts.count, "two \(exercise) slots share an instant")
    }
  }

  @Test(arguments: [
    "Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "UTC", "Asia/Kathmandu",
  ])
  func aYearOfSlotsAgreesWithFoundation(_ zoneName: String) throws {
    let tz = zone(zoneName)
    let planner = Planner(routine: try routine(Self.routineText), timeZone: tz)
    let slots = Array(planner.slots(from: date("2026-01-01"), days: 365))
    let perDay = Dictionary(grouping: slots, by: \.date)
    #expect(perDay.count == 365)
    for (_, day) in perDay {
      #expect(day.filter { $0.exercise == "thrice" }.count == 3)
      #expect(day.filter { $0.exercise == "twice" }.count == 2)
      // Ordinals follow the nominal times, so ids stay stable even where a gap reorders instants.
      #expect(day.filter { $0.exercise == "night" }.map(\.ordinal).sorted() == [1, 2, 3, 4, 5])
    }
    #expect(slots.map(\.start) == slots.map(\.start).sorted())
    #expect(Set(slots.map(\.id)).count == slots.count)
    for slot in slots {
      #expect(slot.utcOffset == tz.secondsFromGMT(for: slot.start))
      let wall = wallClock(slot.start, in: tz)
      let (y, m, d) = slot.date.fields
      let nominal = (y, m, d, slot.time.hour, slot.time.minute)
      let actual = (wall.year!, wall.month!, wall.day!, wall.hour!, wall.minute!)
      if nominal != actual {
        // Only a time in a gap may differ, and then it is later by the gap, on the same day.
        let resolved = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset)
        #expect(resolved.0 == slot.date)
        #expect(resolved.1 > slot.time && resolved.1.secondsOfDay - slot.time.secondsOfDay <= 3600)
        #expect(tz.secondsFromGMT(for: slot.start.addingTimeInterval(-3600)) < slot.utcOffset)
      } else if let earlier = Optional(slot.start.addingTimeInterval(-3600)),
        wallClock(earlier, in: tz).hour == wall.hour && wallClock(earlier, in: tz).minute == wall.minute
      {
        Issue.record("\(slot.id) is the second occurrence of a repeated time")
      }
    }
  }

  @Test func lordHoweShiftsByHalfAnHour() {
    let resolver = ZoneResolver(timeZone: zone("Australia/Lord_Howe"))
    #expect(resolver.uniformOffset(on: date("2026-04-05")) == nil)
    #expect(resolver.resolve(date("2026-04-06"), LocalTime(hour: 12, minute: 0)!).utcOffset == 37800)
    #expect(resolver.resolve(date("2026-04-04"), LocalTime(hour: 12, minute: 0)!).utcOffset == 39600)
  }
}
