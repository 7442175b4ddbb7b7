import Foundation
import Testing

@testable import TiptoeCore

/// Windows per weekday group and windows that cross midnight, planned in zones with DST changes.
struct DayWindowTests {
  static let groups = """
    [day]
    start = "07:00"
    end = "19:00"

    [day.weekend]
    start = "09:30"
    end = "21:30"

    [[exercise]]
    id = "water"
    title = "Water"
    every = "every 3 hours"

    [[exercise]]
    id = "pill"
    title = "Pill"
    every = "in the morning"
    """

  static let night = """
    [day]
    start = "22:00"
    end = "06:00"

    [[exercise]]
    id = "water"
    title = "Water"
    every = "every 2 hours"

    [[exercise]]
    id = "eyes"
    title = "Eyes"
    every = "3 times a day"

    [[exercise]]
    id = "snack"
    title = "Snack"
    at = ["02:30"]
    """

  @Test func weekdaysAndWeekendsUseTheirOwnWindows() throws {
    let planner = Planner(routine: try routine(Self.groups), timeZone: zone("UTC"))
    let friday = planner.slots(on: date("2026-11-27"))
    let saturday = planner.slots(on: date("2026-11-28"))
    #expect(
      friday.filter { $0.exercise == "water" }.map(\.time.description) == ["07:00", "10:00", "13:00", "16:00", "19:00"])
    #expect(
      saturday.filter { $0.exercise == "water" }.map(\.time.description) == [
        "09:30", "12:30", "15:30", "18:30", "21:30",
      ])
    #expect(friday.first { $0.exercise == "pill" }?.time.description == "07:30")
    #expect(saturday.first { $0.exercise == "pill" }?.time.description == "10:00")
  }

  @Test func aNightBelongsToTheDayItStarts() throws {
    let planner = Planner(routine: try routine(Self.night), timeZone: zone("Europe/Berlin"))
    let slots = planner.slots(on: date("2026-11-23"))
    #expect(slots.map(\.id).prefix(3) == ["water/2026-11-23/1", "eyes/2026-11-23/1", "water/2026-11-23/2"])
    #expect(
      slots.filter { $0.exercise == "water" }.map(\.isoStart) == [
        "2026-11-23T22:00:00+01:00", "2026-11-24T00:00:00+01:00", "2026-11-24T02:00:00+01:00",
        "2026-11-24T04:00:00+01:00", "2026-11-24T06:00:00+01:00",
      ])
    #expect(slots.filter(\.nextDay).count == 7)
    #expect(slots.first { $0.exercise == "snack" }?.id == "snack/2026-11-23/1")
    #expect(slots.map(\.start) == slots.map(\.start).sorted())
    // Today (the 24th) also sees last night's slots, first: the eyes of 23:20, due until their next
    // slot at 02:00, then those after midnight.
    let around = planner.slots(around: date("2026-11-24"))
    #expect(around.first?.id == "eyes/2026-11-23/1")
    #expect(around.dropFirst().prefix(7).allSatisfy { $0.date == date("2026-11-23") && $0.nextDay })
    #expect(around.count == 8 + slots.count)
  }

  /// An evening dose due until the next one, after midnight, is still around the next date: the
  /// overview lists it and `done` settles it. The 22:00 water, due until the next at midnight, is not.
  @Test func anEveningSlotDueAfterMidnightIsAroundTheNextDate() throws {
    let text = Self.night + "\n\n[[exercise]]\nid = \"pill\"\ntitle = \"Pill\"\nat = [\"02:30\", \"23:00\"]\n"
    let planner = Planner(routine: try routine(text), timeZone: zone("Europe/Berlin"))
    let around = planner.slots(around: date("2026-11-24"))
    let evening = try #require(around.first)
    #expect(evening.id == "pill/2026-11-23/1")
    #expect(evening.isoStart == "2026-11-23T23:00:00+01:00")
    #expect(planner.dueEnd(of: evening) == instant("2026-11-24T02:30:00+01:00"))
    // Of the evening's slots, those due after midnight: the pill and the eyes of 23:20 (until 02:00).
    let lastNight = around.prefix { $0.date == date("2026-11-23") }
    #expect(lastNight.filter { !$0.nextDay }.map(\.id) == ["pill/2026-11-23/1", "eyes/2026-11-23/1"])
  }

  /// (zone, the evening before a change, the snack's instant that night).
  static let changes: [(String, String, String)] = [
    ("Europe/Berlin", "2026-03-28", "2026-03-29T03:30:00+02:00"),  // 02:30 is in the gap
    ("Europe/Berlin", "2026-10-24", "2026-10-25T02:30:00+02:00"),  // the first of two 02:30s
    ("America/New_York", "2026-03-07", "2026-03-08T03:30:00-04:00"),
    ("America/New_York", "2026-10-31", "2026-11-01T02:30:00-05:00"),
    ("Australia/Lord_Howe", "2026-10-03", "2026-10-04T02:30:00+11:00"),  // the gap is 02:00-02:30
    ("Australia/Lord_Howe", "2026-04-04", "2026-04-05T02:30:00+10:30"),
  ]

  @Test(arguments: changes)
  func aNightAcrossAChangeKeepsItsSlotsAndOrder(_ zoneName: String, _ evening: String, _ snack: String) throws {
    let planner = Planner(routine: try routine(Self.night), timeZone: zone(zoneName))
    let slots = planner.slots(on: date(evening))
    #expect(slots.first { $0.exercise == "snack" }?.isoStart == snack)
    #expect(slots.filter { $0.exercise == "water" }.count == 5)
    #expect(slots.filter { $0.exercise == "eyes" }.map(\.ordinal) == [1, 2, 3])
    #expect(slots.map(\.start) == slots.map(\.start).sorted())
    // The night's slots and the next evening's follow each other in the lazy sequence.
    let week = Array(planner.slots(from: date(evening), days: 3))
    #expect(week.map(\.start) == week.map(\.start).sorted())
    #expect(Set(week.map(\.id)).count == week.count)
  }

  @Test func theLastSlotOfANightIsDueUntilTheEndOfTheNextDay() throws {
    let planner = Planner(routine: try routine(Self.night), timeZone: zone("UTC"))
    let last = try #require(planner.slots(on: date("2026-11-23")).last)
    #expect(last.isoStart == "2026-11-24T06:00:00+00:00")
    #expect(planner.dueEnd(of: last) == instant("2026-11-25T00:00:00Z"))
  }

  @Test func partsOfTheDayFollowANightWindow() throws {
    let window = DayWindow(start: LocalTime(hour: 22, minute: 0)!, end: LocalTime(hour: 6, minute: 0)!)
    #expect(
      PartOfDay.allCases.map { window.slotTime($0.time(in: window)).description } == [
        "22:30", "02:00 (next morning)", "03:00 (next morning)", "04:00 (next morning)", "05:30 (next morning)",
      ])
  }

  @Test(arguments: [
    (
      "[day]\nstart = \"22:00\"\nend = \"06:00\"\n[day.weekend]\nstart = \"05:00\"\n",
      "test.toml:1:1: error: the saturday window starts at 05:00, before the friday night ends (06:00); start it "
        + "later, or end the night earlier"
    ),
    (
      "[day.weekend]\nstrat = \"09:00\"\n",
      "test.toml:2:1: error: unknown key 'strat' in [day.weekend]; did you mean 'start'?"
    ),
    (
      "[day.weekday]\nend = \"08:00\"\n",
      "test.toml:2:7: error: the day starts and ends at 08:00 (give it a length; an end before the start, \"22:00\" to \"06:00\", crosses midnight)"
    ),
    ("[day]\nweekend = \"09:00\"\n", "test.toml:2:11: error: 'weekend' must be a table"),
  ])
  func badWindowsNameThePlace(_ text: String, _ message: String) {
    let body = text + "[[exercise]]\nid = \"x\"\ntitle = \"X\"\nevery = \"daily\"\n"
    #expect(throws: CoreError.self) { try RoutineLoader.load(body, file: "test.toml") }
    do {
      _ = try RoutineLoader.load(body, file: "test.toml")
    } catch {
      #expect(error.localizedDescription == message)
    }
  }
}

/// The export of group windows and nights: a series per group, a night's times a calendar day later.
struct DayWindowExportTests {
  /// Each series as (UID, DTSTART, RRULE).
  func series(_ text: String, from: String) throws -> [(String, String, String)] {
    let planner = Planner(routine: try routine(text), timeZone: zone("Europe/Berlin"))
    var output = ""
    ICalendarExporter(planner: planner, stamp: instant("2026-11-23T08:00:00Z")).write(
      .series, from: date(from), to: &output)
    let events = output.components(separatedBy: "BEGIN:VEVENT").dropFirst()
    return events.compactMap { event in
      let lines = event.components(separatedBy: "\r\n")
      func value(_ name: String) -> String? {
        lines.first { $0.hasPrefix(name) }.map { String($0[$0.index(after: $0.firstIndex(of: ":")!)...]) }
      }
      guard let rule = value("RRULE") else { return nil }
      return (value("UID")!, value("DTSTART")!, rule)
    }
  }

  @Test func aNightOnWeekdaysMovesItsDaysOnAfterMidnight() throws {
    let text = """
      [day]
      start = "22:00"
      end = "06:00"
      [day.weekend]
      start = "10:00"
      end = "20:00"
      [[exercise]]
      id = "pill"
      title = "Pill"
      every = "twice a day"
      [[exercise]]
      id = "run"
      title = "Run"
      every = "every other sunday"
      """
    // "every other sunday" has its time from the weekend's window: a series of Sundays only.
    let found = try series(text, from: "2026-11-23")
    #expect(
      found.map(\.0) == [
        "pill.1.MO-TU-WE-TH-FR@tiptoe", "pill.1.SA-SU@tiptoe", "pill.2.MO-TU-WE-TH-FR@tiptoe",
        "pill.2.SA-SU@tiptoe", "run.1.SA-SU@tiptoe",
      ])
    #expect(found[0].1.hasSuffix("20261124T000000"))
    #expect(found[0].2 == "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA")
    #expect(found[1].2 == "FREQ=WEEKLY;BYDAY=SA,SU")
    #expect(found[2].1.hasSuffix("20261124T040000"))
    #expect(found[2].2 == "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA")
    #expect(found[4].2 == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=MO")
  }

  @Test func everyTwoWeeksAtNightMovesItsWeekStartToo() throws {
    let text = """
      [day]
      start = "20:00"
      end = "04:00"
      [[exercise]]
      id = "call"
      title = "Call"
      every = "every other sunday"
      at = ["01:00"]
      """
    let found = try series(text, from: "2026-11-23")
    #expect(found.map(\.2) == ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=TU"])
  }

  static let quietWeekend = """
    [day]
    start = "07:00"
    end = "22:00"
    quiet = ["12:30-13:30", "21:00-07:00"]
    [day.weekend]
    start = "09:00"
    quiet = ["13:00-15:00"]
    [day.weekday]
    end = "21:30"
    [[exercise]]
    id = "walk"
    title = "Walk"
    at = ["13:00"]
    """

  /// `[day.weekend] quiet` replaces `[day]`'s spans on Saturday and Sunday; `[day.weekday]` without it keeps them.
  @Test func aWeekdayGroupHasItsOwnQuietSpans() throws {
    let routine = try routine(Self.quietWeekend)
    let weekday = [QuietSpan(parsing: "12:30-13:30")!, QuietSpan(parsing: "21:00-07:00")!]
    #expect(routine.window(on: date("2026-11-27")).quiet == weekday)
    #expect(routine.window(on: date("2026-11-28")).quiet == [QuietSpan(parsing: "13:00-15:00")!])
    #expect(routine.quietGroups.map { $0.days.count } == [5, 2])
    let hold = QuietHold(routine: routine, timeZone: zone("Europe/Berlin"))
    // Friday: held until 13:30; Saturday: until 15:00, and 12:40 is not quiet.
    #expect(hold.release(instant("2026-11-27T13:00:00+01:00")) == instant("2026-11-27T13:30:00+01:00"))
    #expect(hold.release(instant("2026-11-28T13:00:00+01:00")) == instant("2026-11-28T15:00:00+01:00"))
    #expect(hold.release(instant("2026-11-28T12:40:00+01:00")) == instant("2026-11-28T12:40:00+01:00"))
    // Friday's night span runs into Saturday morning until its end; Saturday's evening has none, and
    // Sunday's night span (Monday's, a weekday's) does not begin on Sunday.
    #expect(hold.release(instant("2026-11-28T02:00:00+01:00")) == instant("2026-11-28T07:00:00+01:00"))
    #expect(hold.release(instant("2026-11-28T21:30:00+01:00")) == instant("2026-11-28T21:30:00+01:00"))
    #expect(hold.release(instant("2026-11-30T02:00:00+01:00")) == instant("2026-11-30T02:00:00+01:00"))
    #expect(hold.release(instant("2026-11-30T21:30:00+01:00")) == instant("2026-12-01T07:00:00+01:00"))
  }

  @Test func aGroupsQuietSpanIsCheckedAgainstItsDays() throws {
    let routine = try routine(Self.quietWeekend)
    let warnings = RoutineLoader.warnings(
      in: Self.quietWeekend, file: "r.toml", routine: routine, timeZone: zone("UTC"), from: date("2026-11-30"))
    #expect(
      warnings.map(\.description) == [
        "r.toml:13:6: warning: 'walk' has slots inside the quiet span 12:30-13:30 on mon–fri (13:00); they wait for its end",
        "r.toml:13:6: warning: 'walk' has slots inside the quiet span 13:00-15:00 on sat, sun (13:00); they wait for its end",
      ])
    let weekdays = Self.quietWeekend.replacingOccurrences(
      of: "at = [\"13:00\"]", with: "at = [\"13:00\"]\ndays = [\"mon\"]")
    let monday = RoutineLoader.warnings(
      in: weekdays, file: "r.toml", routine: try TiptoeCoreTests.routine(weekdays), timeZone: zone("UTC"),
      from: date("2026-11-30"))
    #expect(monday.count == 1)
  }

  @Test func aGroupsQuietSpanMustBeASpan() {
    let text = Self.quietWeekend.replacingOccurrences(of: "\"13:00-15:00\"", with: "\"13:00\"")
    #expect {
      try RoutineLoader.load(text, file: "r.toml")
    } throws: { error in
      error.localizedDescription.hasPrefix("r.toml:7:10: error: ")
        && error.localizedDescription.contains("'13:00' is not a valid quiet span")
    }
  }
}
