import Foundation
import Testing

@testable import TiptoeCore

struct ICalendarExporterTests {
  let stamp = instant("2026-11-23T08:00:00Z")

  func export(
    _ text: String, zone identifier: String = "Europe/Berlin", _ events: ICalendarExporter.Events = .series,
    from: String = "2026-11-23", alarms: Bool = true
  ) throws -> String {
    let planner = Planner(routine: try routine(text), timeZone: zone(identifier))
    var exporter = ICalendarExporter(planner: planner, stamp: stamp)
    exporter.alarms = alarms
    var output = ""
    exporter.write(events, from: date(from), to: &output)
    return output
  }

  /// The VEVENT blocks, unfolded, each as its lines.
  func events(_ text: String) -> [[String]] {
    let lines = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
    var result: [[String]] = []
    for line in lines {
      if line == "BEGIN:VEVENT" {
        result.append([])
      } else if !result.isEmpty && !result[result.count - 1].contains("END:VEVENT") {
        result[result.count - 1].append(line)
      }
    }
    return result
  }

  let daily = """
    name = "R"
    [[exercise]]
    id = "toe-presses"
    title = "Toe presses"
    at = ["09:10", "14:30"]
    minutes = 2
    steps = ["Stand", "Grip, hold; release"]
    reps = 10
    hold = "3s"
    sets = 1
    rest = "15s"
    """

  @Test func aDailySeries() throws {
    let text = try export(daily)
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tiptoe//tiptoe export//EN\r\n"))
    #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    let all = events(text)
    #expect(all.count == 2)
    #expect(
      Array(all[0].prefix(11)) == [
        "UID:toe-presses.1@tiptoe",
        "DTSTART;TZID=Europe/Berlin:20261123T091000",
        "DTEND;TZID=Europe/Berlin:20261123T091200",
        "RRULE:FREQ=DAILY",
        "DTSTAMP:20261123T080000Z",
        "SEQUENCE:\(ICalendarExporter.sequence(for: stamp))",
        "SUMMARY:Toe presses",
        #"DESCRIPTION:1. Stand\n2. Grip\, hold\; release\n\nReps: 10\nHold: 3s\nSets: 1\nRest: 15s\n\nPlanned by tiptoe: at 09:10\, 14:30."#,
        "CATEGORIES:Exercise,tiptoe",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
      ])
    #expect(all[1][0] == "UID:toe-presses.2@tiptoe")
    for name in [
      "NAME:R", "X-WR-CALNAME:R", "X-WR-TIMEZONE:Europe/Berlin", "CALSCALE:GREGORIAN",
      "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D",
    ] {
      #expect(text.contains("\r\n\(name)\r\n"), "\(name)")
    }
    #expect(!text.contains("METHOD") && !text.contains("BYHOUR") && !text.contains("HOURLY"))
    #expect(!(try export(daily, alarms: false)).contains("VALARM"))
  }

  @Test func weeklyAndEveryOtherDayStartOnAPlannedDay() throws {
    let text = try export(
      """
      name = "R"
      [[exercise]]
      id = "weekly"
      title = "W"
      every = "twice or three times a week"
      days = ["tue", "thu", "sat"]
      [[exercise]]
      id = "other"
      title = "O"
      every = "every other day"
      """, from: "2026-11-26")  // a Thursday with an odd day number
    let all = events(text)
    #expect(all[0].contains("RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA"))
    #expect(all[0].contains("DTSTART;TZID=Europe/Berlin:20261126T143000"))  // Thursday, mid-window
    #expect(all[1].contains("RRULE:FREQ=DAILY;INTERVAL=2"))
    #expect(all[1].contains("DTSTART;TZID=Europe/Berlin:20261127T143000"))
    #expect(date("2026-11-26").dayNumber % 2 == 1)
  }

  @Test func uidsDoNotDependOnTheFirstDay() throws {
    let uids = { (from: String) in try self.events(self.export(self.daily, from: from)).map { $0[0] } }
    #expect(try uids("2026-11-23") == uids("2027-07-04"))
  }

  @Test func instancesAreThePlannersSlots() throws {
    let routine = try routine(BuiltInRoutine.text)
    let planner = Planner(routine: routine, timeZone: zone("America/New_York"))
    var output = ""
    ICalendarExporter(planner: planner, stamp: stamp).write(.instances(days: 30), from: date("2027-03-01"), to: &output)
    let slots = Array(planner.slots(from: date("2027-03-01"), days: 30))
    let all = events(output)
    #expect(all.count == slots.count)
    for (event, slot) in zip(all, slots) {
      #expect(event[0] == "UID:" + slot.id.replacingOccurrences(of: "/", with: ".") + "@tiptoe")
      let wall = ISO8601.format(slot.start, utcOffset: slot.utcOffset).prefix(19)
        .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
      #expect(event[1] == "DTSTART;TZID=America/New_York:" + wall)
      #expect(!event.contains { $0.hasPrefix("RRULE") })
    }
  }

  @Test func aTimeInTheSpringGapIsPinnedOnEachChangeDay() throws {
    let text = try export(
      """
      name = "R"
      [[exercise]]
      id = "night"
      title = "N"
      at = ["02:30"]
      """, from: "2027-03-28")  // the change day itself
    let all = events(text)
    let series = all.first { $0.contains("RRULE:FREQ=DAILY") }!
    // DTSTART moves past the change day and the day after (where libical would still say 03:30)…
    #expect(series.contains("DTSTART;TZID=Europe/Berlin:20270330T023000"))
    // …later change days and the days after them are excluded, at 02:30 and at libical's 03:30…
    for day in ["20280326", "20280327"] {
      #expect(series.contains("EXDATE;TZID=Europe/Berlin:\(day)T023000"))
      #expect(series.contains("EXDATE;TZID=Europe/Berlin:\(day)T033000"))
    }
    #expect(!series.contains { $0.contains("20270328") || $0.contains("20270329") })
    // …and each is an event of its own at the instant the planner gives: 03:30 CEST on the change day.
    let single = all.first { $0[0] == "UID:night.2027-03-28.1@tiptoe" }!
    #expect(single.contains("DTSTART;TZID=Europe/Berlin:20270328T033000"))
    let after = all.first { $0[0] == "UID:night.2027-03-29.1@tiptoe" }!
    #expect(after.contains("DTSTART;TZID=Europe/Berlin:20270329T023000"))
    let excludedDays = Set(series.filter { $0.hasPrefix("EXDATE") }.map { $0.dropLast(7) })
    #expect(all.count == 1 + excludedDays.count + 2)
  }

  @Test func aTimeInTheFallBackFoldIsPinnedInUTC() throws {
    let night = """
      name = "R"
      [[exercise]]
      id = "night"
      title = "N"
      at = ["02:30"]
      """
    let text = try export(night, from: "2027-10-01")
    let all = events(text)
    let series = all.first { $0.contains("RRULE:FREQ=DAILY") }!
    #expect(series.contains("DTSTART;TZID=Europe/Berlin:20271001T023000"))
    #expect(series.contains("EXDATE;TZID=Europe/Berlin:20271031T023000"))
    #expect(!series.contains("EXDATE;TZID=Europe/Berlin:20271031T033000"))
    // The first 02:30 of 2027-10-31 is 02:30 CEST, 00:30 UTC; written so, no client reads it as 02:30 CET.
    let single = all.first { $0[0] == "UID:night.2027-10-31.1@tiptoe" }!
    #expect(single[1...2] == ["DTSTART:20271031T003000Z", "DURATION:PT2M"])
    // With --expand too.
    let expanded = events(try export(night, .instances(days: 40), from: "2027-10-01"))
    let slot = expanded.first { $0[0] == "UID:night.2027-10-31.1@tiptoe" }!
    #expect(slot[1] == "DTSTART:20271031T003000Z")
  }

  @Test func durationWhenTheFirstOccurrenceSpansAChange() throws {
    let routine = """
      name = "R"
      [[exercise]]
      id = "long"
      title = "L"
      at = ["01:30"]
      minutes = 120
      """
    // On the change day 01:30 CET + 2 h is 04:30 CEST: the wall clock says 3 h, so DURATION.
    #expect(events(try export(routine, from: "2027-03-28"))[0].contains("DURATION:PT2H"))
    #expect(events(try export(routine, from: "2027-03-29"))[0].contains("DTEND;TZID=Europe/Berlin:20270329T033000"))
  }

  @Test func sequenceGrowsWithTheStamp() {
    #expect(ICalendarExporter.sequence(for: instant("2026-01-01T00:00:00Z")) == 0)
    #expect(ICalendarExporter.sequence(for: instant("2025-06-01T00:00:00Z")) == 0)
    #expect(ICalendarExporter.sequence(for: instant("2026-01-01T01:00:59Z")) == 60)
    #expect(ICalendarExporter.sequence(for: instant("9999-01-01T00:00:00Z")) == Int(Int32.max))
  }

  @Test func theSameInputGivesTheSameBytes() throws {
    #expect(try export(daily) == export(daily))
  }
}
