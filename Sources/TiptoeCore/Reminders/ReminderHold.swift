import Foundation

/// A span of time in which nobody is there to see a reminder: the screen locked, the person away
/// from the keyboard, or do-not-disturb on. While one is on, reminders wait and the clocks that
/// nudge and miss an unanswered one stand still; when it ends, what came due is shown at once.
public struct ReminderHold: Hashable, Sendable, Codable {
  /// Why nobody is there.
  public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
    case locked
    case away
    case doNotDisturb = "do-not-disturb"
  }

  public var reason: Reason
  public var start: Date
  /// When it ended; nil while it is still on.
  public var end: Date?

  public init(_ reason: Reason, start: Date, end: Date? = nil) {
    self.reason = reason
    self.start = start
    self.end = end
  }

  /// Whether it is on at `instant`.
  public func isOn(at instant: Date) -> Bool {
    start <= instant && end.map { instant < $0 } ?? true
  }

  /// Whether it was on at some time in `from...to`.
  public func overlaps(from: Date, to: Date) -> Bool {
    start <= to && end.map { from < $0 } ?? true
  }
}

extension [ReminderHold] {
  /// Whether any of them is on at `instant`.
  public func isOn(at instant: Date) -> Bool { contains { $0.isOn(at: instant) } }

  /// When `duration` of time outside every hold has passed since `start`; nil if a hold still on
  /// stops the clock before then.
  ///
  ///     // locked 10:05–10:50: 15 min from 10:00 → 11:00
  public func deadline(from start: Date, after duration: TimeInterval) -> Date? {
    var clock = start
    var left = duration
    for hold in sorted(by: { $0.start < $1.start }) where hold.end.map({ $0 > clock }) ?? true {
      let running = Swift.max(0, hold.start.timeIntervalSince(clock))
      if running >= left { break }
      left -= running
      guard let end = hold.end else { return nil }
      clock = end
    }
    return clock.addingTimeInterval(left)
  }
}
