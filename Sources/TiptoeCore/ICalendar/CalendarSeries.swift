/// One recurring event of the export: an exercise's slots at one time of day (and ordinal) on the
/// weekdays whose window puts them there, in calendar days.
///
/// A routine with one window gives one series per time of day. Weekday groups with their own
/// windows (`[day.weekend]`) split a time into a series per group, limited by `BYDAY`; a time on the
/// morning after its date (a window that crosses midnight) starts a day later, its `BYDAY` and `WKST`
/// moved on by a day.
struct CalendarSeries {
  let pattern: DayPattern
  /// 1-based position among the day's times.
  let ordinal: Int
  let time: SlotTime
  /// The weekdays of the slots' own dates (before the move to the next morning); all seven for most.
  let weekdays: [Weekday]

  /// The series of `pattern`: per ordinal and time, the weekdays that have it.
  static func all(of pattern: DayPattern) -> [CalendarSeries] {
    var series: [CalendarSeries] = []
    for day in Weekday.allCases {
      for (position, time) in pattern.timesByWeekday[day.index].enumerated() {
        if let index = series.firstIndex(where: { $0.ordinal == position + 1 && $0.time == time }) {
          series[index] = CalendarSeries(
            pattern: pattern, ordinal: position + 1, time: time, weekdays: series[index].weekdays + [day])
        } else {
          series.append(CalendarSeries(pattern: pattern, ordinal: position + 1, time: time, weekdays: [day]))
        }
      }
    }
    return series.sorted { ($0.ordinal, $0.weekdays[0]) < ($1.ordinal, $1.weekdays[0]) }
  }

  var everyDay: Bool { weekdays.count == 7 }
  private var shift: Int { time.nextDay ? 1 : 0 }

  /// The UID's middle: `1`, or `1.SA-SU` for a series limited to a weekday group.
  var key: String {
    everyDay ? "\(ordinal)" : "\(ordinal)." + weekdays.map(\.icalendarName).joined(separator: "-")
  }

  /// Whether an event falls on the calendar day `day`.
  func occurs(on day: LocalDate) -> Bool {
    let date = day.adding(days: -shift)
    return weekdays.contains(date.weekday) && pattern.occurs(on: date)
  }

  /// The first calendar day on or after `day` with an event; nil when there is none.
  func firstDate(onOrAfter day: LocalDate) -> LocalDate? {
    // Every pattern repeats within 28 years of days; a weekday group meets any of them in a year.
    (0..<800).lazy.map { day.adding(days: $0) }.first(where: occurs)
  }

  /// The slot's own date for an event on calendar day `day`.
  func slotDate(_ day: LocalDate) -> LocalDate { day.adding(days: -shift) }

  /// The RRULE, nil when it has no days. Monthly patterns never move to the next morning (the loader
  /// refuses them after midnight in a window that crosses it).
  var rule: String? {
    let moved = { (days: [Weekday]) in
      days.map { Weekday.allCases[($0.index + self.shift) % 7] }.sorted().map(\.icalendarName).joined(separator: ",")
    }
    let limit = everyDay ? "" : ";BYDAY=" + moved(weekdays)
    switch pattern.recurrence {
    case .daily: return everyDay ? "FREQ=DAILY" : "FREQ=WEEKLY;BYDAY=" + moved(weekdays)
    case .weekly(let days):
      let kept = days.filter(weekdays.contains)
      if kept.isEmpty { return nil }
      return Set(kept).count == 7 ? "FREQ=DAILY" : "FREQ=WEEKLY;BYDAY=" + moved(kept)
    case .everyOtherDay: return "FREQ=DAILY;INTERVAL=2" + limit
    case .everyDays(let n): return "FREQ=DAILY;INTERVAL=\(n)" + limit
    case .everyWeeks(let n, let days):
      let kept = days.filter(weekdays.contains)
      if kept.isEmpty { return nil }
      return "FREQ=WEEKLY;INTERVAL=\(n);BYDAY=" + moved(kept) + ";WKST=" + moved([.monday])
    case .monthDays(let days): return "FREQ=MONTHLY;BYMONTHDAY=" + days.map(String.init).joined(separator: ",") + limit
    case .monthWeekday(let n, let day):
      return weekdays.contains(day) ? "FREQ=MONTHLY;BYDAY=\(n)\(day.icalendarName)" : nil
    }
  }
}
