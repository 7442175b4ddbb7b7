/// How often an exercise is planned, parsed from a phrase such as "3 times a day".
public struct Frequency: Hashable, Sendable, CustomStringConvertible {
  /// The span a count refers to, and which days have slots.
  public enum Period: Hashable, Sendable {
    /// `times` slots every day (or on `weekdays`).
    case day
    /// `times` days of every week, one slot each.
    case week
    /// One slot every second day: the days whose day number (days since 1970-01-01) is even.
    case everyOtherDay
    /// One day in every n (n ≥ 3): the days whose day number is a multiple of n.
    case days(Int)
    /// `times` days of every n-th week (n ≥ 2): the Monday-first weeks whose number, counted from the
    /// week of 1970-01-05, is a multiple of n.
    case weeks(Int)
    /// The listed days of every month (1 … 31; a month without the day has no slot).
    case monthDays([Int])
    /// The n-th (1 … 4, or -1 for the last) given weekday of every month.
    case monthWeekday(Int, Weekday)
  }

  /// Where in a planned day the slots go.
  public enum Placement: Hashable, Sendable {
    /// `times` (for `.day`, else one) slots at the centres of equal parts of the waking window.
    case spread
    /// From the window's start, every `minutes` minutes, the last no later than its end.
    case interval(minutes: Int)
    /// Named times of day, placed relative to the waking window.
    case parts([PartOfDay])
  }

  public let period: Period
  /// How many slots are planned per period (a range plans its upper end).
  public let times: Int
  /// How many count as meeting the goal (a range's lower end; otherwise `times`).
  public let goal: Int
  public let placement: Placement
  /// The days of the week the phrase names ("on weekdays", "mondays and thursdays"); nil means any.
  public let weekdays: [Weekday]?

  public init(
    period: Period, times: Int, goal: Int? = nil, placement: Placement = .spread, weekdays: [Weekday]? = nil
  ) {
    self.period = period
    self.times = times
    self.goal = goal ?? times
    self.placement = placement
    self.weekdays = weekdays
  }

  /// A short English rendering: "3× a day", "2–3× a week", "every other day", "every 2 h".
  public var description: String {
    let count = goal == times ? "\(times)×" : "\(goal)–\(times)×"
    var text: String
    switch (period, placement) {
    case (.day, .interval(let minutes)):
      text = minutes % 60 == 0 ? "every \(minutes / 60) h" : "every \(minutes) min"
    case (.day, .parts(let parts)): text = parts.map(\.rawValue).joined(separator: ", ")
    case (.day, _) where weekdays != nil && times == 1: text = "once a day"
    case (.day, _): text = "\(count) a day"
    case (.week, _): text = "\(count) a week"
    case (.everyOtherDay, _): text = "every other day"
    case (.days(let n), _): text = "every \(n) days"
    case (.weeks(let n), _): text = times == 1 ? "every \(n) weeks" : "\(count) every \(n) weeks"
    case (.monthDays(let days), _): text = "monthly on the " + days.map(Self.ordinal).joined(separator: ", ")
    case (.monthWeekday(let n, let day), _):
      text = (n == -1 ? "last" : Self.ordinal(n)) + " \(day.fullName) of the month"
    }
    if period != .day, case .parts(let parts) = placement {
      text += " (" + parts.map(\.rawValue).joined(separator: ", ") + ")"
    }
    if let weekdays { text += " on " + weekdays.map(\.rawValue).joined(separator: ", ") }
    return text
  }

  /// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
  static func ordinal(_ n: Int) -> String {
    let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
    return "\(n)\(suffix)"
  }
}

/// A named time of day, placed relative to the waking window (start to end):
/// morning start + 30 min, noon 12:00 (the window's centre when 12:00 is outside it),
/// afternoon halfway from noon to evening, evening end − 2 h, bedtime end − 30 min;
/// each kept inside the window and rounded to 5 minutes. In a window that crosses midnight these
/// run on past it (22:00–06:00: morning 22:30, bedtime 05:30).
public enum PartOfDay: String, CaseIterable, Hashable, Sendable {
  case morning, noon, afternoon, evening, bedtime

  /// The time of this part in `window`.
  public func time(in window: DayWindow) -> LocalTime {
    let start = window.start.secondsOfDay
    let end = window.end.secondsOfDay + (window.crossesMidnight ? 86400 : 0)
    let noon = [43200, 129600].first { (start...end).contains($0) } ?? (start + end) / 2
    let evening = end - 7200
    let seconds: Int
    switch self {
    case .morning: seconds = start + 1800
    case .noon: seconds = noon
    case .afternoon: seconds = (noon + evening) / 2
    case .evening: seconds = evening
    case .bedtime: seconds = end - 1800
    }
    let rounded = (min(max(seconds, start), end) + 150) / 300 * 300
    return LocalTime(secondsOfDay: min(max(rounded, start), end) % 86400)
  }
}
