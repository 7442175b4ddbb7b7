import Foundation

/// Fast ISO 8601 rendering of instants with an explicit UTC offset.
public enum ISO8601 {
  /// `2026-11-23T09:10:00+01:00` (or `Z` when `utcOffset` is nil).
  public static func format(_ date: Date, utcOffset: Int?) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + (utcOffset ?? 0)
    let day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let time = LocalTime(secondsOfDay: seconds - day * 86400)
    var text = LocalDate(dayNumber: day).description + "T" + LocalTime.twoDigits(time.hour) + ":"
    text += LocalTime.twoDigits(time.minute) + ":" + LocalTime.twoDigits(time.second)
    guard let utcOffset else { return text + "Z" }
    let sign = utcOffset < 0 ? "-" : "+"
    let magnitude = abs(utcOffset) / 60
    return text + sign + LocalTime.twoDigits(magnitude / 60) + ":" + LocalTime.twoDigits(magnitude % 60)
  }

  /// The local date and time of an instant, given the offset in force.
  public static func localDateTime(_ date: Date, utcOffset: Int) -> (LocalDate, LocalTime) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
    let day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    return (LocalDate(dayNumber: day), LocalTime(secondsOfDay: seconds - day * 86400))
  }
}
