import Foundation

/// ISO 8601 instants with an explicit UTC offset: the one writer and the one reader of every
/// instant tiptoe prints, reads from people, or stores.
public enum ISO8601 {
  /// `2026-11-23T09:10:00+01:00` (or `Z` when `utcOffset` is nil).
  public static func format(_ date: Date, utcOffset: Int?) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(25)
    write(date, utcOffset: utcOffset, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `format(date, utcOffset:)`'s UTF-8 to `bytes`, for writers of many instants.
  public static func write(_ date: Date, utcOffset: Int?, to bytes: inout [UInt8]) {
    let (day, time) = localDateTime(date, utcOffset: utcOffset ?? 0)
    let (year, month, dayOfMonth) = day.fields
    appendDigits(year / 100, to: &bytes)
    appendDigits(year % 100, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(month, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(dayOfMonth, to: &bytes)
    write(time, utcOffset: utcOffset, to: &bytes)
  }

  /// Appends the part after the date, `T09:10:00+01:00` (or `…Z` when `utcOffset` is nil): for a
  /// writer that has the date's text already.
  public static func write(_ time: LocalTime, utcOffset: Int?, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "T"))
    appendDigits(time.hour, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(time.minute, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(time.second, to: &bytes)
    guard let utcOffset else { return bytes.append(UInt8(ascii: "Z")) }
    bytes.append(UInt8(ascii: utcOffset < 0 ? "-" : "+"))
    let minutes = abs(utcOffset) / 60
    appendDigits(minutes / 60, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(minutes % 60, to: &bytes)
  }

  /// Appends `value` (0...99) as two decimal digits.
  @inline(__always)
  private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// The local date and time of an instant, given the offset in force.
  public static func localDateTime(_ date: Date, utcOffset: Int) -> (LocalDate, LocalTime) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
    let day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    return (LocalDate(dayNumber: day), LocalTime(secondsOfDay: seconds - day * 86400))
  }

  /// Reads `2026-11-23T09:10:00+01:00`, `…Z`, `…+0100`, `…+01`, with optional fractional seconds and
  /// trailing white space; nil for anything else, or a date, time or offset (over 18 h) that does
  /// not exist.
  ///
  /// `strict`: exactly what `format(_:utcOffset: nil)` writes, `2026-11-23T08:10:00Z`, as the
  /// history stores it.
  public static func instant(_ text: some StringProtocol, strict: Bool = false) -> Date? {
    let bytes = Array(text.utf8)
    if strict && (bytes.count != 20 || bytes[10] != UInt8(ascii: "T") || bytes[19] != UInt8(ascii: "Z")) {
      return nil
    }
    var position = 0
    func number(_ digits: Int) -> Int? {
      guard position + digits <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[position..<position + digits] {
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      position += digits
      return value
    }
    func skip(_ character: UInt8) -> Bool {
      guard position < bytes.count, bytes[position] == character else { return false }
      position += 1
      return true
    }
    guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
      skip(0x54) || skip(0x74), let hour = number(2), skip(0x3A), let minute = number(2), skip(0x3A),
      let second = number(2), let date = LocalDate(year: year, month: month, day: day),
      let time = LocalTime(hour: hour, minute: minute, second: second)
    else { return nil }
    var fraction = 0.0
    if skip(0x2E) {
      var scale = 0.1
      let start = position
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
        fraction += Double(bytes[position] - 0x30) * scale
        scale /= 10
        position += 1
      }
      guard position > start else { return nil }
    }
    var offset = 0
    if !(skip(0x5A) || skip(0x7A)) {
      let sign: Int
      if skip(0x2B) { sign = 1 } else if skip(0x2D) { sign = -1 } else { return nil }
      guard let hours = number(2) else { return nil }
      var minutes = 0
      if position < bytes.count, bytes[position] > 0x20 {
        let colon = skip(0x3A)
        guard let value = number(2), value < 60, colon || position == bytes.count || bytes[position] <= 0x20 else {
          return nil
        }
        minutes = value
      }
      guard hours * 60 + minutes <= 18 * 60 else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    }
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    guard position == bytes.count else { return nil }
    return Date(timeIntervalSince1970: Double(date.dayNumber * 86400 + time.secondsOfDay - offset) + fraction)
  }
}
