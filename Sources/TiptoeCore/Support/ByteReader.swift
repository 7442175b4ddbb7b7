/// Reads ASCII text byte by byte, from the start.
struct ByteReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0

  var atEnd: Bool { position == bytes.count }
  /// The byte at `position`; only when not `atEnd`.
  var current: UInt8 { bytes[position] }

  /// The decimal digit at `position`, moving past it; nil (not moving) for anything else.
  mutating func digit() -> Int? {
    guard !atEnd, (0x30...0x39).contains(current) else { return nil }
    position += 1
    return Int(bytes[position - 1] - 0x30)
  }

  /// The number written in exactly `digits` digits, moving past it; nil for anything else.
  mutating func number(_ digits: Int) -> Int? {
    var value = 0
    for _ in 0..<digits {
      guard let digit = digit() else { return nil }
      value = value * 10 + digit
    }
    return value
  }

  /// A date written `YYYY-MM-DD`, moving past it; nil when it is not one or names no real day.
  mutating func date() -> LocalDate? {
    guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
    return LocalDate(year: year, month: month, day: day)
  }

  /// Moves past `character` when it is next; whether it was.
  mutating func skip(_ character: Unicode.Scalar) -> Bool {
    guard !atEnd, current == UInt8(ascii: character) else { return false }
    position += 1
    return true
  }
}
