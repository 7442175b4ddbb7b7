import Foundation
import Testing

@testable import TiptoeCore

/// Every phrase of the routine language (and the seeds' own wording) with the slots it plans in a
/// waking window of 08:00–20:00: the times of a day, the days of the week of Monday 2026-11-23, the
/// dates of December 2026, the number of days in 2027; and its days of daylight-saving changes.
///
/// The expectations were worked out apart from the planner (with Python's `datetime`), from the
/// anchors the README states: day numbers since 1970-01-01, weeks since the week of 1970-01-05.
struct PhrasePlanTests {
  struct Row: Sendable, CustomTestStringConvertible {
    let phrase: String
    let times: Int
    let first: String
    let last: String
    /// `M-W-F--`: the days of the week of 2026-11-23 with slots.
    let week: String
    /// The December 2026 dates with slots; nil means every date.
    let december: [Int]?
    let year2027: Int

    init(
      _ phrase: String, times: Int, first: String, last: String, week: String, december: [Int]?, year2027: Int
    ) {
      self.phrase = phrase
      self.times = times
      self.first = first
      self.last = last
      self.week = week
      self.december = december
      self.year2027 = year2027
    }

    var testDescription: String { phrase }
  }

  static let rows: [Row] = [
    .init("3 times a day", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "at least twice a day", times: 2, first: "11:00", last: "17:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "three times on a daily basis", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil,
      year2027: 365),
    .init("2 times every day", times: 2, first: "11:00", last: "17:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "twice or three times a week", times: 1, first: "14:00", last: "14:00", week: "M-W-F--",
      december: [2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25, 28, 30], year2027: 157),
    .init("3 times daily", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("twice daily", times: 2, first: "11:00", last: "17:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "3 times on a daily basis", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365
    ),
    .init("twice per day", times: 2, first: "11:00", last: "17:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "every other day", times: 1, first: "14:00", last: "14:00", week: "M-W-F-S",
      december: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31], year2027: 182),
    .init("every 2 hours", times: 7, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("every 20 minutes", times: 37, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("every 90 minutes", times: 9, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("hourly", times: 13, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("every hour", times: 13, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("once an hour", times: 13, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("every 5 minutes", times: 145, first: "08:00", last: "20:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("5x a day", times: 5, first: "09:10", last: "18:50", week: "MTWTFSS", december: nil, year2027: 365),
    .init("5x daily", times: 5, first: "09:10", last: "18:50", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "3x a week", times: 1, first: "14:00", last: "14:00", week: "M-W-F--",
      december: [2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25, 28, 30], year2027: 157),
    .init(
      "3x/week", times: 1, first: "14:00", last: "14:00", week: "M-W-F--",
      december: [2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25, 28, 30], year2027: 157),
    .init("3 times/day", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("3/day", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("qd", times: 1, first: "14:00", last: "14:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("bid", times: 2, first: "11:00", last: "17:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("tid", times: 3, first: "10:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("qid", times: 4, first: "09:30", last: "18:30", week: "MTWTFSS", december: nil, year2027: 365),
    .init("24 times a day", times: 24, first: "08:15", last: "19:45", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "every weekday", times: 1, first: "14:00", last: "14:00", week: "MTWTF--",
      december: [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31], year2027: 261),
    .init(
      "weekdays", times: 1, first: "14:00", last: "14:00", week: "MTWTF--",
      december: [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31], year2027: 261),
    .init(
      "weekends", times: 1, first: "14:00", last: "14:00", week: "-----SS", december: [5, 6, 12, 13, 19, 20, 26, 27],
      year2027: 104),
    .init(
      "on weekends", times: 1, first: "14:00", last: "14:00", week: "-----SS",
      december: [5, 6, 12, 13, 19, 20, 26, 27], year2027: 104),
    .init(
      "every monday", times: 1, first: "14:00", last: "14:00", week: "M------", december: [7, 14, 21, 28], year2027: 52),
    .init(
      "mondays and thursdays", times: 1, first: "14:00", last: "14:00", week: "M--T---",
      december: [3, 7, 10, 14, 17, 21, 24, 28, 31], year2027: 104),
    .init(
      "every 3 days", times: 1, first: "14:00", last: "14:00", week: "-T--F--",
      december: [3, 6, 9, 12, 15, 18, 21, 24, 27, 30], year2027: 122),
    .init(
      "every two days", times: 1, first: "14:00", last: "14:00", week: "M-W-F-S",
      december: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31], year2027: 182),
    .init("every 2 weeks", times: 1, first: "14:00", last: "14:00", week: "M------", december: [7, 21], year2027: 26),
    .init("biweekly", times: 1, first: "14:00", last: "14:00", week: "M------", december: [7, 21], year2027: 26),
    .init("fortnightly", times: 1, first: "14:00", last: "14:00", week: "M------", december: [7, 21], year2027: 26),
    .init("once a month", times: 1, first: "14:00", last: "14:00", week: "-------", december: [1], year2027: 12),
    .init("monthly", times: 1, first: "14:00", last: "14:00", week: "-------", december: [1], year2027: 12),
    .init("twice a month", times: 1, first: "14:00", last: "14:00", week: "-------", december: [1, 15], year2027: 24),
    .init(
      "on the 1st and 15th", times: 1, first: "14:00", last: "14:00", week: "-------", december: [1, 15], year2027: 24),
    .init(
      "first monday of the month", times: 1, first: "14:00", last: "14:00", week: "-------", december: [7], year2027: 12
    ),
    .init(
      "last friday of the month", times: 1, first: "14:00", last: "14:00", week: "----F--", december: [25], year2027: 12
    ),
    .init("in the morning", times: 1, first: "08:30", last: "08:30", week: "MTWTFSS", december: nil, year2027: 365),
    .init("at noon", times: 1, first: "12:00", last: "12:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("in the evening", times: 1, first: "18:00", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init("before bed", times: 1, first: "19:30", last: "19:30", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "morning and evening", times: 2, first: "08:30", last: "18:00", week: "MTWTFSS", december: nil, year2027: 365),
    .init(
      "twice a day on weekdays", times: 2, first: "11:00", last: "17:00", week: "MTWTF--",
      december: [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31], year2027: 261),
    .init(
      "every 3 hours on weekends", times: 5, first: "08:00", last: "20:00", week: "-----SS",
      december: [5, 6, 12, 13, 19, 20, 26, 27], year2027: 104),
    .init(
      "every other day in the evening", times: 1, first: "18:00", last: "18:00", week: "M-W-F-S",
      december: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31], year2027: 182),
    .init(
      "every 2 weeks on friday", times: 1, first: "14:00", last: "14:00", week: "----F--", december: [11, 25],
      year2027: 26),
  ]

  static func planner(_ phrase: String, start: String = "08:00", end: String = "20:00", zone: String = "UTC") throws
    -> Planner
  {
    let text = """
      [day]
      start = "\(start)"
      end = "\(end)"
      [[exercise]]
      id = "x"
      title = "X"
      every = "\(phrase)"
      """
    return Planner(routine: try RoutineLoader.load(text, file: "phrase.toml"), timeZone: TimeZone(identifier: zone)!)
  }

  @Test(arguments: rows)
  func plansItsSlots(_ row: Row) throws {
    let planner = try Self.planner(row.phrase)
    let times = planner.patterns[0].timesByWeekday[0].map(\.description)
    #expect(times.count == row.times)
    #expect(times.first == row.first && times.last == row.last)
    // A week.
    let week = Array(planner.slots(from: date("2026-11-23"), days: 7))
    let mask = String(
      (0..<7).map { index -> Character in
        week.contains { $0.date.weekday.index == index } ? Array("MTWTFSS")[index] : "-"
      })
    #expect(mask == row.week)
    #expect(week.count == row.times * mask.filter { $0 != "-" }.count)
    // A month.
    let december = Array(planner.slots(from: date("2026-12-01"), days: 31))
    let dates = Array(Set(december.map { $0.date.fields.day })).sorted()
    #expect(dates == (row.december ?? Array(1...31)))
    #expect(december.count == row.times * dates.count)
    #expect(december.allSatisfy { times.contains($0.time.description) })
    // A year.
    let year = Array(planner.slots(from: date("2027-01-01"), days: 365))
    #expect(Set(year.map(\.date)).count == row.year2027)
    #expect(year.count == row.times * row.year2027)
  }

  /// The 2027 days of change: spring forward, fall back.
  static let changes = [
    ("Europe/Berlin", ["2027-03-28", "2027-10-31"]), ("America/New_York", ["2027-03-14", "2027-11-07"]),
    ("Australia/Lord_Howe", ["2027-10-03", "2027-04-04"]),
  ]

  /// On each day of change, in a window of the whole day, every planned time has its slot: a time in
  /// the gap moves forward by the gap, a time that occurs twice takes the first (RFC 5545).
  @Test(arguments: rows.map(\.phrase) + ["every 30 minutes", "every 5 minutes", "every 20 minutes on weekends"])
  func daylightSavingDays(_ phrase: String) throws {
    for (zone, days) in Self.changes {
      let planner = try Self.planner(phrase, start: "00:00", end: "23:55", zone: zone)
      let timeZone = TimeZone(identifier: zone)!
      for day in days.map(date) {
        let slots = planner.slots(on: day)
        let pattern = planner.patterns[0]
        #expect(slots.count == (pattern.occurs(on: day) ? pattern.times(on: day).count : 0), "\(phrase) \(zone) \(day)")
        for slot in slots {
          #expect(slot.start == Self.instant(day, slot.time, in: timeZone), "\(phrase) \(zone) \(slot.id)")
        }
        #expect(slots.map(\.start) == slots.map(\.start).sorted())
      }
    }
  }

  /// The instant of a wall time by RFC 5545, from Foundation's offsets alone: of the offsets in force
  /// that day, the first that gives back the wall time; in a gap, the offset before it.
  static func instant(_ day: LocalDate, _ time: LocalTime, in zone: TimeZone) -> Date {
    let wall = Double(day.dayNumber * 86400 + time.secondsOfDay)
    let offsets = [-86400.0, 86400].map { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + $0))) }
    let candidates = Set(offsets).map { Date(timeIntervalSince1970: wall - $0) }.sorted()
    return candidates.first { Double(zone.secondsFromGMT(for: $0)) == wall - $0.timeIntervalSince1970 }
      ?? Date(timeIntervalSince1970: wall - offsets[0])
  }
}
