/// A yearly date rule as a VTIMEZONE writes it: `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`.
public struct YearlyRule: Hashable, Sendable, CustomStringConvertible {
  /// Which day of the month.
  public enum Day: Hashable, Sendable {
    /// The nth weekday of the month (1…4), or the last one (-1): `BYDAY=2SU`, `BYDAY=-1SU`.
    case weekday(ordinal: Int, Weekday)
    /// A fixed day of the month: `BYMONTHDAY=15`.
    case monthDay(Int)
    /// The first such weekday on or after a day of the month (tzdata's `Fri>=23`):
    /// `BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR`.
    case weekdayOnOrAfter(day: Int, Weekday)
  }

  /// 1…12.
  public let month: Int
  public let day: Day

  public init(month: Int, day: Day) {
    self.month = month
    self.day = day
  }

  /// The date the rule gives in `year`, or nil when it names none (a day 29-31 the month lacks).
  public func date(in year: Int) -> LocalDate? {
    let length = LocalDate.daysIn(month: month, year: year)
    switch day {
    case .monthDay(let number):
      return LocalDate(year: year, month: month, day: number)
    case .weekday(let ordinal, let weekday):
      let first = LocalDate(year: year, month: month, day: 1)!
      let firstMatch = 1 + (weekday.index - first.weekday.index + 7) % 7
      if ordinal > 0 { return LocalDate(year: year, month: month, day: firstMatch + 7 * (ordinal - 1)) }
      return LocalDate(year: year, month: month, day: firstMatch + 7 * ((length - firstMatch) / 7))
    case .weekdayOnOrAfter(let number, let weekday):
      guard let start = LocalDate(year: year, month: month, day: number) else { return nil }
      let date = start.adding(days: (weekday.index - start.weekday.index + 7) % 7)
      return date.fields.month == month ? date : nil
    }
  }

  /// The rules `dates` all follow, best first: last weekday, nth weekday, fixed day, weekday on or after.
  ///
  /// The dates must be in one month of consecutive years; otherwise (or when
  /// there are fewer than two) no rule is inferred.
  static func inferred(from dates: [LocalDate]) -> YearlyRule? {
    guard dates.count >= 2 else { return nil }
    let fields = dates.map(\.fields)
    let month = fields[0].month
    for index in fields.indices {
      guard fields[index].month == month, fields[index].year == fields[0].year + index else { return nil }
    }
    let weekday = dates[0].weekday
    let sameWeekday = dates.allSatisfy { $0.weekday == weekday }
    let days = fields.map(\.day)
    if sameWeekday {
      if fields.allSatisfy({ $0.day + 7 > LocalDate.daysIn(month: month, year: $0.year) }) {
        return YearlyRule(month: month, day: .weekday(ordinal: -1, weekday))
      }
      let ordinal = (days[0] - 1) / 7 + 1
      if ordinal <= 4, days.allSatisfy({ ($0 - 1) / 7 + 1 == ordinal }) {
        return YearlyRule(month: month, day: .weekday(ordinal: ordinal, weekday))
      }
    }
    if days.allSatisfy({ $0 == days[0] }) { return YearlyRule(month: month, day: .monthDay(days[0])) }
    if sameWeekday, let low = days.min(), let high = days.max(), high - low <= 6,
      low + 6 <= (month == 2 ? 28 : LocalDate.daysIn(month: month, year: 2001))
    {
      return YearlyRule(month: month, day: .weekdayOnOrAfter(day: low, weekday))
    }
    return nil
  }

  /// The RRULE value: `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`.
  public var description: String {
    let prefix = "FREQ=YEARLY;BYMONTH=\(month);"
    switch day {
    case .weekday(let ordinal, let weekday): return prefix + "BYDAY=\(ordinal)\(weekday.icalendarName)"
    case .monthDay(let number): return prefix + "BYMONTHDAY=\(number)"
    case .weekdayOnOrAfter(let number, let weekday):
      let days = (number...(number + 6)).map(String.init).joined(separator: ",")
      return prefix + "BYMONTHDAY=\(days);BYDAY=\(weekday.icalendarName)"
    }
  }
}
