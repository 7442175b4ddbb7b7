import Foundation
import Testing

@testable import TiptoeCore

struct RoutineWarningTests {
  static let text = """
    [day]
    start = "07:00"
    end = "22:00"
    quiet = ["12:30-13:30"]
    [[exercise]]
    id = "eyes"
    title = "Eyes"
    every = "every 20 minutes"
    [[exercise]]
    id = "pill"
    title = "Pill"
    at = ["02:30", "03:30", "08:00"]
    [[exercise]]
    id = "walk"
    title = "Walk"
    every = "twice a day"
    """

  func warnings(zone: String, from: String = "2026-11-30") throws -> [String] {
    let routine = try RoutineLoader.load(Self.text, file: "r.toml")
    return RoutineLoader.warnings(
      in: Self.text, file: "r.toml", routine: routine, timeZone: TimeZone(identifier: zone)!, from: date(from)
    ).map(\.description)
  }

  @Test func quietSpansTimesOutsideTheDayAndDosesThatMeetOnASpringForwardDay() throws {
    #expect(
      try warnings(zone: "Europe/Berlin") == [
        "r.toml:8:9: warning: 'eyes' has slots inside the quiet span 12:30-13:30 (12:40, 13:00, 13:20); they wait for its end",
        "r.toml:12:7: warning: 'pill' at 02:30 is outside the waking window 07:00-22:00",
        "r.toml:12:16: warning: 'pill' at 03:30 is outside the waking window 07:00-22:00",
        "r.toml:12:6: warning: 'pill': on 2027-03-28 the clocks go forward and its 02:30 and 03:30 slots fall on the "
          + "same minute (2027-03-28T03:30:00+02:00)",
      ])
  }

  /// In a zone without daylight saving, or a year without a change where the doses are, nothing meets.
  @Test func noSpringForwardNoDoubleDose() throws {
    #expect(try warnings(zone: "UTC").count == 3)
    // Lord Howe's gap is 02:00-02:30: 02:30 exists, so the doses stay apart.
    #expect(try warnings(zone: "Australia/Lord_Howe").count == 3)
  }

  @Test func atTimesAreCheckedAgainstTheWindowsOfTheirDays() throws {
    let text = """
      [day]
      start = "22:00"
      end = "06:00"
      [day.weekend]
      start = "09:30"
      end = "21:00"
      [[exercise]]
      id = "snack"
      title = "Snack"
      at = ["01:30"]
      days = ["weekdays"]
      [[exercise]]
      id = "tea"
      title = "Tea"
      at = ["23:00"]
      """
    let routine = try RoutineLoader.load(text, file: "r.toml")
    let warnings = RoutineLoader.warnings(
      in: text, file: "r.toml", routine: routine, timeZone: TimeZone(identifier: "UTC")!, from: date("2026-11-30"))
    // The snack's 01:30 is in the weekday night; tea at 23:00 falls outside the weekend's day.
    #expect(
      warnings.map(\.description) == ["r.toml:15:7: warning: 'tea' at 23:00 is outside the waking window 09:30-21:00"])
  }

  @Test func theBuiltInRoutineHasNoWarnings() throws {
    let routine = try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
    let found = RoutineLoader.warnings(
      in: BuiltInRoutine.text, file: "foot-routine.toml", routine: routine, timeZone: zone("Europe/Berlin"),
      from: date("2026-11-30"))
    #expect(found.isEmpty)
  }
}
