import Foundation

/// Holds reminders back while a quiet span of the day is on, until it ends.
public struct QuietHold: Sendable {
  public let spans: [QuietSpan]
  public let resolver: ZoneResolver

  public init(spans: [QuietSpan], timeZone: TimeZone) {
    self.spans = spans
    self.resolver = ZoneResolver(timeZone: timeZone)
  }

  /// `instant`, or the end of the quiet span(s) it falls in (spans that touch are followed).
  ///
  ///     // quiet = ["12:30-13:30"]: 12:40 → 13:30 the same day; 12:00 → 12:00
  public func release(_ instant: Date) -> Date {
    var current = instant
    for _ in 0...spans.count {
      let offset = resolver.timeZone.secondsFromGMT(for: current)
      let (date, time) = ISO8601.localDateTime(current, utcOffset: offset)
      guard let span = spans.first(where: { $0.contains(time) }) else { return current }
      let endDate = span.end > time ? date : date.adding(days: 1)
      let end = resolver.resolve(endDate, span.end).start
      guard end > current else { return current }
      current = end
    }
    return current
  }
}
