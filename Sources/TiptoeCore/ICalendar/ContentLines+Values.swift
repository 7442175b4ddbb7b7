import Foundation

/// iCalendar value types written straight into the byte buffer (RFC 5545 §3.3).
extension ContentLines {
  /// A DATE-TIME in local ("floating" or TZID) form: `20261123T091000`.
  public mutating func localDateTime(_ date: LocalDate, _ time: LocalTime) {
    let (year, month, day) = date.fields
    digits(year, width: 4)
    digits(month, width: 2)
    digits(day, width: 2)
    ascii(0x54)  // T
    digits(time.hour, width: 2)
    digits(time.minute, width: 2)
    digits(time.second, width: 2)
  }

  /// A local DATE-TIME given as seconds since 1970-01-01T00:00 on the wall clock.
  public mutating func localDateTime(localSeconds: Int) {
    let day = localSeconds >= 0 ? localSeconds / 86400 : (localSeconds - 86399) / 86400
    localDateTime(LocalDate(dayNumber: day), LocalTime(secondsOfDay: localSeconds - day * 86400))
  }

  /// A DATE-TIME in UTC: `20261123T080000Z` (fractions of a second dropped).
  public mutating func utcDateTime(_ instant: Date) {
    localDateTime(localSeconds: Int(instant.timeIntervalSince1970.rounded(.down)))
    ascii(0x5A)  // Z
  }

  /// A UTC-OFFSET: `+0100`, `-0430`, `+103000`; zero is `+0000`.
  public mutating func utcOffset(_ seconds: Int) {
    ascii(seconds < 0 ? 0x2D : 0x2B)
    let magnitude = abs(seconds)
    digits(magnitude / 3600, width: 2)
    digits(magnitude / 60 % 60, width: 2)
    if magnitude % 60 != 0 { digits(magnitude % 60, width: 2) }
  }

  /// A DURATION of whole seconds: `PT2M`, `PT1H30M`, `P1D`, `PT0S`; negative with a leading `-`.
  public mutating func duration(seconds: Int) {
    if seconds < 0 { ascii(0x2D) }
    var rest = abs(seconds)
    ascii(0x50)  // P
    if rest == 0 {
      raw("T0S")
      return
    }
    if rest % 86400 == 0 {
      digits(rest / 86400)
      ascii(0x44)  // D
      return
    }
    if rest >= 86400 {
      digits(rest / 86400)
      ascii(0x44)
      rest %= 86400
    }
    ascii(0x54)  // T
    if rest >= 3600 {
      digits(rest / 3600)
      ascii(0x48)  // H
    }
    if rest % 3600 >= 60 {
      digits(rest % 3600 / 60)
      ascii(0x4D)  // M
    }
    if rest % 60 != 0 {
      digits(rest % 60)
      ascii(0x53)  // S
    }
  }
}
