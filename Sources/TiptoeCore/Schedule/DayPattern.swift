/// Which days an exercise is planned on, and at what times of those days.
///
/// The pattern is all the engine and the iCalendar export need: the engine
/// walks it day by day, the export writes it as one RRULE per time.
public struct DayPattern: Hashable, Sendable {
  /// The days of a pattern. Day numbers count from 1970-01-01 (day 0, a Thursday); week numbers
  /// count Monday-first weeks from the week of Monday 1970-01-05 (week 0).
  public enum Recurrence: Hashable, Sendable {
    /// Every day.
    case daily
    /// The listed days of every week, Monday first.
    case weekly([Weekday])
    /// Every second day: the days whose day number is even.
    case everyOtherDay
    /// One day in every n: the days whose day number is a multiple of n.
    case everyDays(Int)
    /// The listed days of every n-th week: the weeks whose number is a multiple of n.
    case everyWeeks(Int, [Weekday])
    /// The listed days of every month.
    case monthDays([Int])
    /// The n-th (-1: last) weekday of every month.
    case monthWeekday(Int, Weekday)
  }

  public let recurrence: Recurrence
  /// Per weekday (0 = Monday): the times of that day's slots, distinct and in the order they happen
  /// (a window's times after midnight last). A slot's ordinal is its position here, plus one.
  public let timesByWeekday: [[SlotTime]]

  /// The times of the slots that belong to `date` (when the pattern occurs on it).
  public func times(on date: LocalDate) -> [SlotTime] { timesByWeekday[date.weekdayIndex] }

  /// The most slots the pattern has on one day.
  public var mostPerDay: Int { timesByWeekday.map(\.count).max() ?? 0 }

  /// Whether the pattern has slots on `date`.
  public func occurs(on date: LocalDate) -> Bool {
    switch recurrence {
    case .daily: return true
    case .weekly(let days): return days.contains(date.weekday)
    case .everyOtherDay: return date.dayNumber % 2 == 0
    case .everyDays(let n): return date.dayNumber % n == 0
    case .everyWeeks(let n, let days):
      return days.contains(date.weekday) && Self.floorDivide(date.dayNumber - 4, 7) % n == 0
    case .monthDays(let days): return days.contains(date.fields.day)
    case .monthWeekday(let n, let weekday):
      guard date.weekday == weekday else { return false }
      let (year, month, day) = date.fields
      return n == -1 ? day + 7 > LocalDate.daysIn(month: month, year: year) : (day - 1) / 7 + 1 == n
    }
  }

  /// Whether the days depend only on the weekday and the day number's parity (the planner's templates).
  var isWeeklyOrParity: Bool {
    switch recurrence {
    case .daily, .weekly, .everyOtherDay: return true
    default: return false
    }
  }

  /// The first date on or after `date` that has slots.
  public func firstDate(onOrAfter date: LocalDate) -> LocalDate {
    var day = date
    while !occurs(on: day) { day = day.adding(days: 1) }
    return day
  }

  static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
}

extension DayPattern {
  /// The pattern of `exercise` inside the waking `window`.
  ///
  /// A daily frequency of n puts n slots at the centres of n equal parts of
  /// the window, rounded to 5 minutes; an interval puts one at the window's
  /// start and then one every interval up to its end; times of day go where
  /// `PartOfDay` says. A weekly frequency of n takes n days spread evenly over
  /// the week (3 → Mon, Wed, Fri), or over the named days; longer periods one
  /// slot at the centre of the window. `at` times replace the phrase's times. Each weekday's times
  /// are placed in its window (`windows[0]` Monday's … `windows[6]` Sunday's).
  public init(exercise: Exercise, windows: [DayWindow]) {
    let timesByWeekday = windows.map { window -> [SlotTime] in
      let times: [LocalTime]
      switch exercise.timing {
      case .at(let at), .every(_, _, let at?): times = Array(Set(at))
      case .every(let frequency, _, nil): times = Self.times(of: frequency, in: window)
      }
      return times.map(window.slotTime).sorted()
    }
    switch exercise.timing {
    case .at:
      let days = exercise.days.map { Recurrence.weekly($0) } ?? .daily
      self.init(recurrence: days, timesByWeekday: timesByWeekday)
    case .every(let frequency, _, _):
      let weekdays = exercise.weekdays
      let recurrence: Recurrence
      switch frequency.period {
      case .day: recurrence = weekdays.map { .weekly($0) } ?? .daily
      case .week: recurrence = .weekly(Self.choose(frequency.times, from: weekdays ?? Weekday.allCases))
      case .everyOtherDay: recurrence = .everyOtherDay
      case .days(let n): recurrence = .everyDays(n)
      case .weeks(let n): recurrence = .everyWeeks(n, Self.choose(frequency.times, from: weekdays ?? Weekday.allCases))
      case .monthDays(let days): recurrence = .monthDays(days)
      case .monthWeekday(let n, let day): recurrence = .monthWeekday(n, day)
      }
      self.init(recurrence: recurrence, timesByWeekday: timesByWeekday)
    }
  }

  /// The pattern of `exercise` in one window for every day.
  public init(exercise: Exercise, window: DayWindow) {
    self.init(exercise: exercise, windows: Array(repeating: window, count: 7))
  }

  /// `count` days spread evenly over `candidates` (3 of all: Mon, Wed, Fri).
  static func choose(_ count: Int, from candidates: [Weekday]) -> [Weekday] {
    let count = min(count, candidates.count)
    return (0..<count).map { candidates[$0 * candidates.count / count] }
  }

  /// The times of day a frequency plans in `window`.
  static func times(of frequency: Frequency, in window: DayWindow) -> [LocalTime] {
    switch frequency.placement {
    case .spread: return spread(frequency.period == .day ? frequency.times : 1, over: window)
    case .interval(let minutes):
      let start = window.start.secondsOfDay
      var end = window.end.secondsOfDay
      if end <= start { end += 86400 }
      return Array(Set(stride(from: start, through: end, by: minutes * 60).map { LocalTime(secondsOfDay: $0 % 86400) }))
        .sorted()
    case .parts(let parts): return Array(Set(parts.map { $0.time(in: window) })).sorted()
    }
  }

  /// n times at the centres of n equal parts of the window, rounded to 5 minutes.
  static func spread(_ count: Int, over window: DayWindow) -> [LocalTime] {
    var length = window.end.secondsOfDay - window.start.secondsOfDay
    if length <= 0 { length += 86400 }
    let times = (0..<count).map { index -> LocalTime in
      let offset = length * (2 * index + 1) / (2 * count)
      let rounded = (window.start.secondsOfDay + offset + 150) / 300 * 300
      return LocalTime(secondsOfDay: rounded % 86400)
    }
    return Array(Set(times)).sorted()
  }
}
