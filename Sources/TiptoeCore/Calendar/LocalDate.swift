/// A civil (proleptic Gregorian) date with no time zone attached: `2026-11-23`.
///
/// Dates are counted in days since 1970-01-01 so that date arithmetic is
/// plain integer arithmetic and never touches a clock or a `Calendar`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let dayNumber: Int

  public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// Creates a date from its fields; returns nil when they name no real day.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else {
      return nil
    }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    dayNumber = era * 146097 + doe - 719468
  }

  /// Parses `YYYY-MM-DD` (ASCII digits only).
  public init?(iso text: some StringProtocol) {
    var text = String(text)
    let date = text.withUTF8 { bytes in
      var reader = ByteReader(bytes: bytes)
      return reader.date().flatMap { reader.atEnd ? $0 : nil }
    }
    guard let date else { return nil }
    self = date
  }

  /// The year, month and day of this date.
  public var fields: (year: Int, month: Int, day: Int) {
    // Howard Hinnant's civil_from_days.
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The day of the week.
  public var weekday: Weekday { Weekday.allCases[weekdayIndex] }

  /// 0 for Monday … 6 for Sunday.
  public var weekdayIndex: Int {
    ((dayNumber % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday
  }

  /// The date `days` later (or earlier, when negative).
  public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

  /// `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = fields
    var text = String(y)
    text.reserveCapacity(10)
    text += m < 10 ? "-0\(m)" : "-\(m)"
    text += d < 10 ? "-0\(d)" : "-\(d)"
    return text
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

extension LocalDate {
  /// The years tiptoe takes from any input (`--from`, `--at`, `--since`, `TIPTOE_NOW`): a range of
  /// days from any of them still has four-digit years in every format, and the history reads them back.
  public static let supportedYears = 1900...9000
}
