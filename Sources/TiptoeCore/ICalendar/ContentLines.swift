/// iCalendar content lines as UTF-8 bytes: folded at 75 octets, ended by CRLF (RFC 5545 §3.1).
///
/// A line is built piece by piece (`name`, `parameter`, `text` …) and closed
/// by `end()`. Folding happens while appending: before a piece would pass
/// column 75 the line breaks with CRLF and a space, never inside a UTF-8
/// sequence or inside a `\`-escape. No per-line allocation: everything goes
/// into one growing byte array.
///
///     var lines = ContentLines()
///     lines.name("SUMMARY")
///     lines.beginValue()
///     lines.text("Toe presses; 3× a day")
///     lines.end()  // SUMMARY:Toe presses\; 3× a day\r\n
public struct ContentLines: Sendable {
  /// The longest physical line, in octets, CRLF not counted.
  public static let limit = 75

  /// The lines written so far.
  public private(set) var bytes: [UInt8] = []
  /// Octets on the current physical line.
  private var column = 0

  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// Whether nothing has been written.
  public var isEmpty: Bool { bytes.isEmpty }

  /// Forgets the bytes written, keeping the storage.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    column = 0
  }

  /// A whole line `NAME:value`, the value written as is (for values that need no escaping).
  public mutating func line(_ name: String, _ value: String) {
    self.name(name)
    beginValue()
    raw(value)
    end()
  }

  /// A whole line `NAME:text` with the value escaped as TEXT.
  public mutating func line(_ name: String, text value: String) {
    self.name(name)
    beginValue()
    text(value)
    end()
  }

  /// Starts a line with a property name; parameters may follow, then `beginValue()`.
  public mutating func name(_ name: String) { raw(name) }

  /// Adds `;NAME=value`, quoting the value when it holds `:`, `;` or `,`.
  ///
  /// Double quotes and control characters, which a parameter value cannot hold, are dropped.
  public mutating func parameter(_ name: String, _ value: String) {
    append(0x3B)  // ;
    raw(name)
    append(0x3D)  // =
    let needsQuotes = value.utf8.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
    if needsQuotes { append(0x22) }
    for byte in value.utf8 where byte != 0x22 && byte >= 0x20 && byte != 0x7F {
      appendFolding(byte)
    }
    if needsQuotes { append(0x22) }
  }

  /// The `:` between the name (and parameters) and the value.
  public mutating func beginValue() { append(0x3A) }

  /// Appends a value as is (UTF-8, folded).
  public mutating func raw(_ value: String) {
    var value = value
    value.withUTF8 { buffer in
      for byte in buffer { appendFolding(byte) }
    }
  }

  /// Appends a value escaped as TEXT: `\` `;` `,` and newlines become `\\` `\;` `\,` `\n`.
  ///
  /// CRLF and a lone CR count as one newline; other control characters
  /// (which TEXT does not allow) are dropped; a tab stays.
  public mutating func text(_ value: String) {
    var value = value
    value.withUTF8 { buffer in
      var index = 0
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        index += 1
        switch byte {
        case 0x5C, 0x3B, 0x2C: pair(0x5C, byte)  // \ ; ,
        case 0x0A: pair(0x5C, 0x6E)  // \n
        case 0x0D:
          if index < count && buffer[index] == 0x0A { index += 1 }
          pair(0x5C, 0x6E)
        case 0x09: appendFolding(byte)
        case 0x00..<0x20, 0x7F: continue
        default: appendFolding(byte)
        }
      }
    }
  }

  /// Appends one of several TEXT values separated by `,` (as in CATEGORIES); call `separator()` between them.
  public mutating func separator() { append(0x2C) }

  /// Appends pre-encoded ASCII bytes that need no escaping (digits, `T`, `Z`).
  public mutating func ascii(_ byte: UInt8) { append(byte) }

  /// Appends `value` as decimal digits, zero-padded to `width`.
  public mutating func digits(_ value: Int, width: Int = 1) {
    var magnitude = value
    if magnitude < 0 {
      append(0x2D)  // -
      magnitude = -magnitude
    }
    var divisor = 1
    var count = 1
    while divisor <= magnitude / 10 {
      divisor *= 10
      count += 1
    }
    for _ in count..<max(width, count) { append(0x30) }
    while divisor > 0 {
      append(UInt8(truncatingIfNeeded: 0x30 + magnitude / divisor % 10))
      divisor /= 10
    }
  }

  /// Ends the current line with CRLF.
  public mutating func end() {
    bytes.append(0x0D)
    bytes.append(0x0A)
    column = 0
  }

  /// Appends lines built elsewhere (each already folded and ended).
  public mutating func append(lines other: ContentLines) {
    precondition(column == 0, "append(lines:) must come between lines")
    bytes.append(contentsOf: other.bytes)
  }

  // MARK: - Folding

  /// One ASCII byte that is not the start of a multi-byte sequence.
  @inline(__always)
  private mutating func append(_ byte: UInt8) {
    if column >= Self.limit { fold() }
    bytes.append(byte)
    column += 1
  }

  /// Two bytes that stay on one physical line (an escape such as `\;`).
  @inline(__always)
  private mutating func pair(_ first: UInt8, _ second: UInt8) {
    if column + 2 > Self.limit { fold() }
    bytes.append(first)
    bytes.append(second)
    column += 2
  }

  /// One byte of UTF-8 text: a lead byte folds the line when its whole sequence would not fit.
  @inline(__always)
  private mutating func appendFolding(_ byte: UInt8) {
    if byte < 0x80 {
      if column >= Self.limit { fold() }
    } else if byte >= 0xC0 {
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      if column + length > Self.limit { fold() }
    }
    // Continuation bytes (0x80…0xBF) always fit: their lead byte made room.
    bytes.append(byte)
    column += 1
  }

  private mutating func fold() {
    bytes.append(0x0D)
    bytes.append(0x0A)
    bytes.append(0x20)
    column = 1
  }
}
