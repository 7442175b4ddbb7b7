import Foundation
import Testing

@testable import TiptoeCore

/// Several routine files planned together: each keeps its window and quiet spans; ids, the zone and
/// the nights are checked across them, naming both files.
struct RoutineCombiningTests {
  static let physio = """
    name = "Physio"
    [day]
    start = "08:00"
    end = "20:00"
    timezone = "Europe/Berlin"
    quiet = ["12:30-13:30"]
    [[exercise]]
    id = "toes"
    title = "Toe presses"
    every = "twice a day"
    """

  static let pills = """
    name = "Pills"
    [day]
    start = "07:00"
    end = "22:00"
    [[exercise]]
    id = "pill"
    title = "Pill"
    every = "morning and evening"
    """

  func load(_ files: [(String, String)]) throws -> Routine {
    try RoutineLoader.load(files: files.map { (text: $0.1, file: $0.0) })
  }

  /// `physio` in Europe/Berlin and the pills in `zoneName` (with `pillsDay` added to their `[day]`),
  /// each routine planned in its own zone and the plan read in Berlin.
  func berlinPlanner(
    pillsIn zoneName: String, pillsDay: String = "", physio: String = RoutineCombiningTests.physio
  ) throws -> Planner {
    let pills = Self.pills.replacingOccurrences(of: "[day]\n", with: "[day]\ntimezone = \"\(zoneName)\"\n\(pillsDay)")
    return Planner(
      routine: try load([("a.toml", physio), ("b.toml", pills)]), timeZone: zone("Europe/Berlin"),
      partZones: [zone("Europe/Berlin"), zone(zoneName)])
  }

  func message(_ files: [(String, String)]) -> String {
    do {
      _ = try load(files)
      return ""
    } catch {
      return error.localizedDescription
    }
  }

  @Test func eachRoutineKeepsItsWindow() throws {
    let routine = try load([("a.toml", Self.physio), ("b.toml", Self.pills)])
    #expect(routine.name == "Physio + Pills")
    #expect(routine.parts.map(\.name) == ["Physio", "Pills"])
    #expect(routine.timeZoneIdentifier == "Europe/Berlin")
    let slots = Planner(routine: routine, timeZone: zone("Europe/Berlin")).slots(on: date("2026-11-27"))
    #expect(
      slots.map { "\($0.id) \($0.time)" } == [
        "pill/2026-11-27/1 07:30", "toes/2026-11-27/1 11:00", "toes/2026-11-27/2 17:00", "pill/2026-11-27/2 20:00",
      ])
  }

  @Test func eachRoutineKeepsItsQuietSpans() throws {
    let at = { (text: String) in
      text.replacingOccurrences(of: #"every = "[a-z ]*""#, with: #"at = ["13:00"]"#, options: .regularExpression)
    }
    let routine = try load([("a.toml", at(Self.physio)), ("b.toml", at(Self.pills))])
    let rules = ReminderRules(
      planner: Planner(routine: routine, timeZone: zone("Europe/Berlin")), settings: ReminderSettings())
    let one = instant("2026-11-27T13:00:00+01:00")
    #expect(rules.release(one, pause: .running, exerciseIndex: 0) == instant("2026-11-27T13:30:00+01:00"))
    #expect(rules.release(one, pause: .running, exerciseIndex: 1) == one)
  }

  @Test func aClashingIDNamesBothFiles() {
    let clash = Self.pills.replacingOccurrences(of: "\"pill\"", with: "\"toes\"")
    #expect(
      message([("a.toml", Self.physio), ("b.toml", clash)])
        == "b.toml:6:6: error: exercise id 'toes' is already used in a.toml:8:6 (ids are shared by all routines)")
  }

  /// Two routines in two zones: each slot at its routine's wall time in its own zone, read in the plan's
  /// zone, across both zones' clock changes.
  @Test func eachRoutineIsPlannedInItsOwnZone() throws {
    let planner = try berlinPlanner(pillsIn: "America/New_York")
    // The pill at 07:30 and 20:00 in New York: 13:30 and 02:00 the next morning in Berlin.
    #expect(
      planner.slots(on: date("2026-11-27")).map { "\($0.id) \($0.isoStart)" } == [
        "toes/2026-11-27/1 2026-11-27T11:00:00+01:00", "pill/2026-11-27/1 2026-11-27T13:30:00+01:00",
        "toes/2026-11-27/2 2026-11-27T17:00:00+01:00", "pill/2026-11-27/2 2026-11-28T02:00:00+01:00",
      ])
    // Between the spring-forward days of New York (14 March) and Berlin (28 March), 5 hours apart.
    #expect(planner.slots(on: date("2027-03-20"))[1].isoStart == "2027-03-20T12:30:00+01:00")
    #expect(planner.slots(on: date("2027-03-30"))[1].isoStart == "2027-03-30T13:30:00+02:00")
    // The 28th: New York's morning pill of the 27th, due until its evening one (02:00 here), then that one.
    #expect(
      planner.slots(around: date("2026-11-28")).map(\.id).prefix(3) == [
        "pill/2026-11-27/1", "pill/2026-11-27/2", "toes/2026-11-28/1",
      ])
    #expect(planner.dueEnd(of: planner.slots(on: date("2026-11-27"))[3]) == instant("2026-11-28T06:00:00+01:00"))
  }

  /// A routine in a zone ahead: the next day's slots that start on a date are around it.
  @Test func slotsAroundADateHaveTheNextDaysOfAZoneAhead() throws {
    let planner = try berlinPlanner(pillsIn: "Asia/Tokyo")
    // Tokyo's 07:30 on the 27th is 23:30 on the 26th in Berlin.
    #expect(
      planner.slots(around: date("2026-11-26")).map { "\($0.id) \($0.isoStart)" } == [
        "pill/2026-11-26/1 2026-11-25T23:30:00+01:00", "toes/2026-11-26/1 2026-11-26T11:00:00+01:00",
        "pill/2026-11-26/2 2026-11-26T12:00:00+01:00", "toes/2026-11-26/2 2026-11-26T17:00:00+01:00",
        "pill/2026-11-27/1 2026-11-26T23:30:00+01:00",
      ])
  }

  /// Quiet spans are wall times of their own routine's zone.
  @Test func quietSpansAreInTheirRoutinesZone() throws {
    let planner = try berlinPlanner(pillsIn: "America/New_York", pillsDay: "quiet = [\"12:00-13:00\"]\n")
    let rules = ReminderRules(planner: planner, settings: ReminderSettings())
    // 18:30 in Berlin is 12:30 in New York: the pill waits until 13:00 there, 19:00 here; toe presses do not.
    let evening = instant("2026-11-27T18:30:00+01:00")
    #expect(rules.release(evening, pause: .running, exerciseIndex: 1) == instant("2026-11-27T19:00:00+01:00"))
    #expect(rules.release(evening, pause: .running, exerciseIndex: 0) == evening)
    let noon = instant("2026-11-27T13:00:00+01:00")
    #expect(rules.release(noon, pause: .running, exerciseIndex: 0) == instant("2026-11-27T13:30:00+01:00"))
    #expect(rules.release(noon, pause: .running, exerciseIndex: 1) == noon)
  }

  /// One calendar of routines in different zones (`tiptoe sync`'s plan): each routine's events in its own
  /// zone, with a VTIMEZONE for each.
  @Test func oneCalendarOfRoutinesInDifferentZonesHasEachZone() throws {
    let planner = try berlinPlanner(pillsIn: "America/New_York")
    for events in [ICalendarExporter.Events.series, .instances(days: 2)] {
      var text = ""
      ICalendarExporter(planner: planner, stamp: instant("2026-11-27T09:00:00+01:00")).write(
        events, from: date("2026-11-27"), to: &text)
      let lines = text.split(separator: "\r\n")
      #expect(lines.filter { $0.hasPrefix("TZID:") } == ["TZID:Europe/Berlin", "TZID:America/New_York"])
      #expect(lines.contains("DTSTART;TZID=Europe/Berlin:20261127T110000"))
      #expect(lines.contains("DTSTART;TZID=America/New_York:20261127T073000"))
      #expect(lines.contains("DTSTART;TZID=America/New_York:20261127T200000"))
      #expect(lines.filter { $0 == "BEGIN:VCALENDAR" }.count == 1 && lines.last == "END:VCALENDAR")
    }
  }

  /// A routine far behind the plan's zone has its evening after the next day's first slot there: the
  /// slots still come in order of start, each once.
  @Test func slotsOfRoutinesInDifferentZonesComeInOrder() throws {
    let early = Self.physio.replacingOccurrences(of: "every = \"twice a day\"", with: "at = [\"06:00\"]")
    let planner = try berlinPlanner(pillsIn: "Pacific/Honolulu", physio: early)
    let year = Array(planner.slots(from: date("2026-11-27"), days: 366))
    #expect(year.count == 366 * 3)
    #expect(Set(year.map(\.id)).count == year.count)
    #expect(zip(year, year.dropFirst()).allSatisfy { $0.start <= $1.start })
    // Honolulu's 20:00 on the 27th is 07:00 on the 28th in Berlin, after Berlin's 06:00 toes.
    #expect(
      year.prefix(4).map(\.id) == ["toes/2026-11-27/1", "pill/2026-11-27/1", "toes/2026-11-28/1", "pill/2026-11-27/2"])
  }

  /// `tiptoe export` writes one calendar per routine, each from its part's planner in its own zone: the
  /// events and UIDs of that routine in the combined calendar, under its own name and VTIMEZONE.
  @Test func eachPartExportsItsOwnCalendarWithTheCombinedUIDs() throws {
    let routine = try berlinPlanner(pillsIn: "America/New_York").routine
    let stamp = instant("2026-11-27T09:00:00+01:00")
    let calendar = { (routine: Routine, zoneName: String) in
      var text = ""
      ICalendarExporter(planner: Planner(routine: routine, timeZone: zone(zoneName)), stamp: stamp).write(
        .series, from: date("2026-11-27"), to: &text)
      return text
    }
    let uids = { (text: String) in text.split(separator: "\r\n").filter { $0.hasPrefix("UID:") } }
    let combined = uids(calendar(routine, "Europe/Berlin"))
    let parts = zip(routine.parts, ["Europe/Berlin", "America/New_York"]).map { calendar($0, $1) }
    #expect(parts.flatMap(uids) == combined)
    #expect(parts[1].contains("X-WR-CALNAME:Pills\r\n") && parts[1].contains("TZID:America/New_York\r\n"))
    #expect(parts[1].contains("DTSTART;TZID=America/New_York:20261127T073000\r\n"))
    #expect(!parts[1].contains("toes") && !parts[0].contains("pill") && !parts[0].contains("New_York"))
  }

  @Test func aNightMayNotRunIntoAnotherRoutinesDay() {
    let night = Self.pills.replacingOccurrences(
      of: "start = \"07:00\"\nend = \"22:00\"", with: "start = \"22:00\"\nend = \"09:00\"")
    #expect(
      message([("a.toml", Self.physio), ("b.toml", night)])
        == "a.toml:1:1: error: its tuesday window starts at 08:00, before the monday night of b.toml ends (09:00); "
        + "routines planned together keep their nights apart")
  }

  @Test func oneFileIsLoadedAsBefore() throws {
    #expect(try load([("a.toml", Self.physio)]) == routine(Self.physio))
  }
}
