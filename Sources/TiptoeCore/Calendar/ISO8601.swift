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
    let parsed = text.utf8.withContiguousStorageIfAvailable { instant(utf8: $0, strict: strict) }
    return parsed ?? Array(text.utf8).withUnsafeBufferPointer { instant(utf8: $0, strict: strict) }
  }

  /// `instant(_:strict:)` over UTF-8 bytes, as a database column hands them over.
  public static func instant(utf8 bytes: UnsafeBufferPointer<UInt8>, strict: Bool) -> Date? {
    if strict && (bytes.count != 20 || bytes[10] != UInt8(ascii: "T") || bytes[19] != UInt8(ascii: "Z")) {
      return nil
    }
    var reader = ByteReader(bytes: bytes)
    guard let date = reader.date(), reader.skip("T") || reader.skip("t"), let hour = reader.number(2),
      reader.skip(":"), let minute = reader.number(2), reader.skip(":"), let second = reader.number(2),
      let time = LocalTime(hour: hour, minute: minute, second: second)
    else { return nil }
    var fraction = 0.0
    if reader.skip(".") {
      var scale = 0.1
      let start = reader.position
      while let digit = reader.digit() {
        fraction += Double(digit) * scale
        scale /= 10
      }
      guard reader.position > start else { return nil }
    }
    var offset = 0
    if !(reader.skip("Z") || reader.skip("z")) {
      let sign: Int
      if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
      guard let hours = reader.number(2) else { return nil }
      var minutes = 0
      if !reader.atEnd, reader.current > 0x20 {
        let colon = reader.skip(":")
        guard let value = reader.number(2), value < 60, colon || reader.atEnd || reader.current <= 0x20 else {
          return nil
        }
        minutes = value
      }
      guard hours * 60 + minutes <= 18 * 60 else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    }
    while !reader.atEnd, [0x20, 0x09, 0x0A, 0x0D].contains(reader.current) { reader.position += 1 }
    guard reader.atEnd else { return nil }
    return Date(timeIntervalSince1970: Double(date.dayNumber * 86400 + time.secondsOfDay - offset) + fraction)
  }
}
