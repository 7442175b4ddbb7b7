extension TOMLParser {
  // MARK: Scanning

  /// The current line and column (columns count characters, not bytes). Counted on from the last
  /// position asked for on the same line, so that a long line is read once, not once per value.
  var position: TextPosition {
    mutating get {
      if columnMark.offset < lineStart || columnMark.offset > index { columnMark = (lineStart, 1) }
      var (offset, column) = columnMark
      while offset < index {
        if bytes[offset] & 0xC0 != 0x80 { column += 1 }
        offset += 1
      }
      columnMark = (index, column)
      return TextPosition(line: line, column: column)
    }
  }

  func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

  func starts(with text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    return (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
  }

  mutating func advance(_ count: Int = 1) { index = min(bytes.count, index + count) }

  mutating func newline() {
    advance()
    line += 1
    lineStart = index
  }

  mutating func skipWhitespace() {
    while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
  }

  /// Whitespace, comments and newlines (inside lists).
  mutating func skipBlankLines() throws(Failure) {
    while true {
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: "#"): try comment()
      case UInt8(ascii: "\n"): newline()
      case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"): advance()
      default: return
      }
    }
  }

  /// The rest of a line after a value or header: only whitespace and a comment may follow.
  mutating func endOfLine() throws(Failure) {
    skipWhitespace()
    if peek() == UInt8(ascii: "#") { try comment() }
    if peek() == UInt8(ascii: "\r") { advance() }
    guard let byte = peek() else { return }
    guard byte == UInt8(ascii: "\n") else { throw fail("expected the end of the line (one key = value per line)") }
    newline()
  }

  private mutating func comment() throws(Failure) {
    while let byte = peek(), byte != UInt8(ascii: "\n") {
      if byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") || byte == 0x7F {
        throw fail("control character in a comment")
      }
      advance()
    }
  }

  mutating func expect(_ character: Character, _ what: String) throws(Failure) {
    skipWhitespace()
    guard peek() == character.asciiValue else { throw fail("expected \(what)") }
    advance()
  }

  /// A failure at the current position (or `back` bytes before it).
  func fail(_ message: String, back: Int = 0) -> Failure {
    var copy = self
    copy.index = max(lineStart, index - back)
    return Failure(message: message, position: copy.position)
  }
}
