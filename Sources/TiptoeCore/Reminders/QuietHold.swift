import Foundation

/// Holds reminders back while a quiet span of the day is on, until it ends.
///
/// Each weekday has its spans (`[day.weekend] quiet`); a span is on from its start on a day of its own
/// and, when it crosses midnight, until its end the next morning, whatever that day's spans are.
public struct QuietHold: Sendable {
  /// Per weekday (0 = Monday), the spans that start on it.
  public let spansByWeekday: [[QuietSpan]]
  public let resolver: ZoneResolver

  /// The same spans every day.
  public init(spans: [QuietSpan], timeZone: TimeZone) {
    self.init(spansByWeekday: Array(repeating: spans, count: 7), timeZone: timeZone)
  }

  /// The spans of each day's window in `routine`.
  public init(routine: Routine, timeZone: TimeZone) {
    self.init(spansByWeekday: routine.windows.map(\.quiet), timeZone: timeZone)
  }

  public init(spansByWeekday: [[QuietSpan]], timeZone: TimeZone) {
    self.spansByWeekday = spansByWeekday
    self.resolver = ZoneResolver(timeZone: timeZone)
  }

  /// `instant`, or the end of the quiet span(s) it falls in (spans that touch are followed).
  ///
  ///     // quiet = ["12:30-13:30"]: 12:40 → 13:30 the same day; 12:00 → 12:00
  public func release(_ instant: Date) -> Date {
    var current = instant
    for _ in 0...spansByWeekday.map(\.count).reduce(0, +) {
      let offset = resolver.timeZone.secondsFromGMT(for: current)
      let (date, time) = ISO8601.localDateTime(current, utcOffset: offset)
      guard let span = span(on: date, containing: time) else { return current }
      let endDate = span.end > time ? date : date.adding(days: 1)
      let end = resolver.resolve(endDate, span.end).start
      guard end > current else { return current }
      current = end
    }
    return current
  }

  /// The span that is on at `time` on `date`: one of the day's from its start, or one of the day
  /// before's that crosses midnight, until its end.
  private func span(on date: LocalDate, containing time: LocalTime) -> QuietSpan? {
    let crosses = { (span: QuietSpan) in span.end < span.start }
    let today = spansByWeekday[date.weekdayIndex].first { span in
      span.contains(time) && (!crosses(span) || time >= span.start)
    }
    return today
      ?? spansByWeekday[date.adding(days: -1).weekdayIndex].first { span in
        crosses(span) && time < span.end
      }
  }
}
