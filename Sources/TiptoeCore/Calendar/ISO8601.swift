import Foundation

/// Fast ISO 8601 rendering of instants with an explicit UTC offset.
public enum ISO8601 {
  /// `2026-11-23T09:10:00+01:00` (or `Z` when `utcOffset` is nil).
  public static func format(_ date: Date, utcOffset: Int?) -> String {
    let (day, time) = localDateTime(date, utcOffset: utcOffset ?? 0)
    let (year, month, dayOfMonth) = day.fields
    return String(unsafeUninitializedCapacity: 25) { buffer in
      var position = 0
      func put(_ value: Int, digits: Int) {
        var value = value
        for offset in stride(from: digits - 1, through: 0, by: -1) {
          buffer[position + offset] = UInt8(48 + value % 10)
          value /= 10
        }
        position += digits
      }
      func put(_ character: Unicode.Scalar) {
        buffer[position] = UInt8(character.value)
        position += 1
      }
      put(year, digits: 4)
      put("-")
      put(month, digits: 2)
      put("-")
      put(dayOfMonth, digits: 2)
      put("T")
      put(time.hour, digits: 2)
      put(":")
      put(time.minute, digits: 2)
      put(":")
      put(time.second, digits: 2)
      guard let utcOffset else {
        put("Z")
        return position
      }
      put(utcOffset < 0 ? "-" : "+")
      let minutes = abs(utcOffset) / 60
      put(minutes / 60, digits: 2)
      put(":")
      put(minutes % 60, digits: 2)
      return position
    }
  }

  /// The local date and time of an instant, given the offset in force.
  public static func localDateTime(_ date: Date, utcOffset: Int) -> (LocalDate, LocalTime) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
    let day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    return (LocalDate(dayNumber: day), LocalTime(secondsOfDay: seconds - day * 86400))
  }
}
