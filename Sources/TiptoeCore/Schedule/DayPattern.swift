/// Which days an exercise is planned on, and at what times of those days.
///
/// The pattern is all the engine and the iCalendar export need: the engine
/// walks it day by day, the export writes it as one RRULE per time.
public struct DayPattern: Hashable, Sendable {
  /// The days of a pattern.
  public enum Recurrence: Hashable, Sendable {
    /// Every day.
    case daily
    /// The listed days of every week, Monday first.
    case weekly([Weekday])
    /// Every second day: the days whose day number (days since 1970-01-01) is even.
    case everyOtherDay
  }

  public let recurrence: Recurrence
  /// Times of day, sorted and distinct.
  public let times: [LocalTime]

  /// Whether the pattern has slots on `date`.
  public func occurs(on date: LocalDate) -> Bool {
    switch recurrence {
    case .daily: return true
    case .weekly(let days): return days.contains(date.weekday)
    case .everyOtherDay: return date.dayNumber % 2 == 0
    }
  }

  /// The first date on or after `date` that has slots.
  public func firstDate(onOrAfter date: LocalDate) -> LocalDate {
    var day = date
    while !occurs(on: day) { day = day.adding(days: 1) }
    return day
  }
}

extension DayPattern {
  /// The pattern of `exercise` inside the waking `window`.
  ///
  /// A daily frequency of n puts n slots at the centres of n equal parts of
  /// the window, rounded to 5 minutes; a weekly frequency of n takes n days
  /// spread evenly over the week (3 → Mon, Wed, Fri), or over `days` when
  /// given, at the centre of the window.
  public init(exercise: Exercise, window: DayWindow) {
    switch exercise.timing {
    case .at(let times):
      let days = exercise.days.map { Recurrence.weekly($0) } ?? .daily
      self.init(recurrence: days, times: Array(Set(times)).sorted())
    case .every(let frequency, _):
      switch frequency.period {
      case .day:
        let days = exercise.days.map { Recurrence.weekly($0) } ?? .daily
        self.init(recurrence: days, times: Self.spread(frequency.times, over: window))
      case .week:
        let candidates = exercise.days ?? Weekday.allCases
        let count = min(frequency.times, candidates.count)
        let chosen = (0..<count).map { candidates[$0 * candidates.count / count] }
        self.init(recurrence: .weekly(chosen), times: Self.spread(1, over: window))
      case .everyOtherDay:
        self.init(recurrence: .everyOtherDay, times: Self.spread(1, over: window))
      }
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
