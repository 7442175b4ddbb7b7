extension TOMLParser {
  // MARK: Strings

  /// `"…"` or `"""…"""`, with escapes.
  mutating func basicString() throws(Failure) -> String {
    let opening = position
    let multiLine = starts(with: "\"\"\"")
    advance(multiLine ? 3 : 1)
    if multiLine { skipNewline() }
    // The string's UTF-8, escapes resolved, decoded once at the end.
    var pending: [UInt8] = []
    while true {
      guard let byte = peek(), multiLine || (byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r")) else {
        let closing = multiLine ? "\"\"\"" : "\" on the same line (\"\"\"…\"\"\" may span lines)"
        throw Failure(message: "unterminated string: close it with \(closing)", position: opening)
      }
      if multiLine && starts(with: "\"\"\"") {
        closeMultiLine(UInt8(ascii: "\""), into: &pending)
        return String(decoding: pending, as: UTF8.self)
      }
      if !multiLine && byte == UInt8(ascii: "\"") {
        advance()
        return String(decoding: pending, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\n") {
        pending.append(byte)
        newline()
        continue
      }
      if byte == UInt8(ascii: "\\") {
        advance()
        if multiLine, let next = peek(),
          next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n")
            || next == UInt8(ascii: "\r")
        {
          // A line-ending backslash trims the newline and the whitespace after it.
          try trimAfterLineEndingBackslash()
          continue
        }
        UTF8.encode(try escape()) { pending.append($0) }
        continue
      }
      if byte < 0x20 && byte != UInt8(ascii: "\t") || byte == 0x7F {
        throw fail("control characters must be escaped in strings")
      }
      pending.append(byte)
      advance()
    }
  }

  private mutating func trimAfterLineEndingBackslash() throws(Failure) {
    skipWhitespace()
    guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else { throw fail("invalid escape '\\ '") }
    while let byte = peek(),
      [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte)
    {
      if byte == UInt8(ascii: "\n") { newline() } else { advance() }
    }
  }

  private mutating func escape() throws(Failure) -> Unicode.Scalar {
    guard let byte = peek() else { throw fail("unterminated string") }
    advance()
    switch byte {
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "f"): return "\u{C}"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "e"): return "\u{1B}"
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = byte == UInt8(ascii: "u") ? 4 : 8
      guard index + count <= bytes.count,
        let code = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(code)
      else { throw fail("invalid unicode escape (example: \\u00E9)", back: 2) }
      advance(count)
      return scalar
    default:
      throw fail("invalid escape '\\\(Character(Unicode.Scalar(byte)))' (use \\\\ for a backslash)", back: 2)
    }
  }

  /// `'…'` or `'''…'''`, taken as written.
  mutating func literalString() throws(Failure) -> String {
    let opening = position
    let multiLine = starts(with: "'''")
    advance(multiLine ? 3 : 1)
    if multiLine { skipNewline() }
    var content: [UInt8] = []
    while true {
      guard let byte = peek(), multiLine || byte != UInt8(ascii: "\n") else {
        let closing = multiLine ? "'''" : "' on the same line ('''…''' may span lines)"
        throw Failure(message: "unterminated string: close it with \(closing)", position: opening)
      }
      if multiLine && starts(with: "'''") {
        closeMultiLine(UInt8(ascii: "'"), into: &content)
        return String(decoding: content, as: UTF8.self)
      }
      if !multiLine && byte == UInt8(ascii: "'") {
        advance()
        return String(decoding: content, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\n") {
        content.append(byte)
        newline()
        continue
      }
      content.append(byte)
      advance()
    }
  }

  /// Reads a multi-line string's closing delimiter: up to two more quotes before it belong to the content.
  private mutating func closeMultiLine(_ quote: UInt8, into content: inout [UInt8]) {
    var quotes = 3
    while index + quotes < bytes.count && bytes[index + quotes] == quote && quotes < 5 { quotes += 1 }
    content.append(contentsOf: repeatElement(quote, count: quotes - 3))
    advance(quotes)
  }

  private mutating func skipNewline() {
    if peek() == UInt8(ascii: "\r") { advance() }
    if peek() == UInt8(ascii: "\n") { newline() }
  }
}
