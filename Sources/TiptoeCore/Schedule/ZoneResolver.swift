import Foundation

/// Turns local wall-clock times into instants in one time zone, the RFC 5545 way.
///
/// A time in a spring-forward gap moves forward by the gap (it is read with
/// the offset before the gap); a time that occurs twice means the first one.
/// Offsets are looked up once per day; only days with a transition pay for
/// an exact look-up per time.
public struct ZoneResolver: Sendable {
  public let timeZone: TimeZone

  public init(timeZone: TimeZone) { self.timeZone = timeZone }

  /// The instant and the offset in force for `time` on `date`.
  public func resolve(_ date: LocalDate, _ time: LocalTime) -> (start: Date, utcOffset: Int) {
    resolve(localSeconds: date.dayNumber * 86400 + time.secondsOfDay)
  }

  /// The instant and the offset in force for a slot time of `date` (on the next morning if it says so).
  public func resolve(_ date: LocalDate, _ time: SlotTime) -> (start: Date, utcOffset: Int) {
    resolve(localSeconds: date.dayNumber * 86400 + time.seconds)
  }

  /// The offset shared by every instant of `date`, or nil when the day has a transition.
  ///
  /// Checked a day either side, since a local day spans instants from 14 h
  /// before to 36 h after its nominal UTC midnight.
  public func uniformOffset(on date: LocalDate) -> Int? {
    let midnight = date.dayNumber * 86400
    let before = offset(at: midnight - 86400)
    return before == offset(at: midnight + 2 * 86400) ? before : nil
  }

  func resolve(localSeconds local: Int) -> (start: Date, utcOffset: Int) {
    let earlier = offset(at: local - 86400)
    let later = offset(at: local + 86400)
    let valid = [earlier, later].filter { offset(at: local - $0) == $0 }
    if let chosen = valid.max() {  // the larger offset is the earlier instant
      return (Date(timeIntervalSince1970: Double(local - chosen)), chosen)
    }
    // In a gap: read with the offset before the gap, which lands after it.
    let instant = local - earlier
    return (Date(timeIntervalSince1970: Double(instant)), offset(at: instant))
  }

  func offset(at seconds: Int) -> Int {
    timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
  }
}
