import Foundation
import TiptoeCore

/// How instants are stored: UTC, whole seconds, fixed width, `2026-11-23T08:10:00Z`.
///
/// Fixed width keeps text order equal to time order, so ranges are plain `>=`/`<` on an index.
enum UTCText {
  static func format(_ date: Date) -> String { ISO8601.format(date, utcOffset: nil) }

  /// Parses exactly the format `format` writes; nil for anything else.
  static func parse(_ text: String) -> Date? {
    var text = text
    return text.withUTF8(parse)
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
    guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
      bytes[16] == 0x3A, bytes[19] == 0x5A
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      let date = LocalDate(year: year, month: month, day: day),
      let time = LocalTime(hour: hour, minute: minute, second: second)
    else { return nil }
    return Date(timeIntervalSince1970: Double(date.dayNumber * 86400 + time.secondsOfDay))
  }
}
