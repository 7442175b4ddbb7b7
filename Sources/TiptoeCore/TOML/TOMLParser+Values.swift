extension TOMLParser {
  // MARK: Keys

  /// `a`, `"a b"`, `a.b.c`: the parts and where each stands. Fails at the part that would sit
  /// deeper than `maximumDepth`.
  mutating func key() throws(Failure) -> ([String], [TextPosition]) {
    var parts: [String] = []
    var positions: [TextPosition] = []
    while true {
      skipWhitespace()
      guard depth + parts.count < Self.maximumDepth else { throw tooDeep() }
      positions.append(position)
      guard let byte = peek() else { throw fail("expected a key") }
      if byte == UInt8(ascii: "\"") {
        parts.append(try basicString())
      } else if byte == UInt8(ascii: "'") {
        parts.append(try literalString())
      } else if isBareKey(byte) {
        let start = index
        while let next = peek(), isBareKey(next) { advance() }
        parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
      } else {
        throw fail("expected a key (letters, digits, '_' or '-', or a quoted name)")
      }
      skipWhitespace()
      guard peek() == UInt8(ascii: ".") else { return (parts, positions) }
      advance()
    }
  }

  /// The failure for a list, inline table or key part nested past `maximumDepth`.
  func tooDeep() -> Failure {
    fail("nested too deeply: tables, lists and dotted keys may be at most \(Self.maximumDepth) levels deep")
  }

  func isBareKey(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  // MARK: Values

  mutating func value() throws(Failure) -> TOMLNode {
    let start = position
    guard let byte = peek() else { throw fail("expected a value after '='") }
    switch byte {
    case UInt8(ascii: "\""): return TOMLNode(value: .string(try basicString()), position: start)
    case UInt8(ascii: "'"): return TOMLNode(value: .string(try literalString()), position: start)
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      guard depth < Self.maximumDepth else { throw tooDeep() }
      depth += 1
      defer { depth -= 1 }
      if byte == UInt8(ascii: "[") { return TOMLNode(value: .array(try array()), position: start) }
      return TOMLNode(value: .table(try inlineTable()), position: start)
    default:
      let token = scalarToken()
      guard !token.isEmpty else { throw fail("expected a value (a \"string\", a number, true/false, [a list])") }
      guard let value = Self.scalar(token) else {
        throw Failure(message: "'\(token)' is not a TOML value (strings need quotes: \"\(token)\")", position: start)
      }
      return TOMLNode(value: value, position: start)
    }
  }

  /// The text of a bare value: up to whitespace (but a date-time's single space), `,`, `]`, `}` or `#`.
  private mutating func scalarToken() -> String {
    let start = index
    while let byte = peek() {
      if byte == UInt8(ascii: " ") {
        // "1979-05-27 07:32:00": a date and a time joined by one space.
        let isDate = index - start == 10 && bytes[start + 4] == UInt8(ascii: "-")
        guard isDate, index + 1 < bytes.count, (0x30...0x39).contains(bytes[index + 1]) else { break }
      } else if [
        UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","),
        UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"),
      ].contains(byte) {
        break
      }
      advance()
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// Booleans, integers (decimal, 0x, 0o, 0b, with `_`), floats and date-times.
  static func scalar(_ token: String) -> TOMLNode.Value? {
    switch token {
    case "true": return .boolean(true)
    case "false": return .boolean(false)
    case "inf", "+inf": return .float(.infinity)
    case "-inf": return .float(-.infinity)
    case "nan", "+nan", "-nan": return .float(.nan)
    default: break
    }
    let characters = Array(token)
    if characters.count >= 5,
      characters[2] == ":" || (characters.count >= 10 && characters[4] == "-" && characters[7] == "-")
    {
      return isDateTime(token) ? .dateTime(token) : nil
    }
    guard !token.hasPrefix("_"), !token.hasSuffix("_"), !token.contains("__") else { return nil }
    let plain = token.filter { $0 != "_" }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where plain.hasPrefix(prefix) {
      return Int(plain.dropFirst(2), radix: radix).map { .integer($0) }
    }
    let digits = plain.drop { $0 == "+" || $0 == "-" }
    if digits.count > 1 && digits.hasPrefix("0") && digits.dropFirst().first?.isNumber == true { return nil }
    if let integer = Int(plain), plain.allSatisfy({ $0.isNumber || $0 == "+" || $0 == "-" }) {
      return .integer(integer)
    }
    guard plain.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      !plain.hasSuffix("."), !plain.contains(".e"), !plain.contains(".E"), !plain.hasPrefix("."),
      let double = Double(plain)
    else { return nil }
    return .float(double)
  }

  /// Loosely: digits and the separators of RFC 3339 dates and times.
  private static func isDateTime(_ token: String) -> Bool {
    token.allSatisfy { $0.isASCII && ($0.isNumber || "-:.TtZz+ ".contains($0)) } && token.first!.isNumber
  }

  /// `[a, b, …]`, possibly over several lines, with comments and a trailing comma.
  private mutating func array() throws(Failure) -> [TOMLNode] {
    advance()
    var elements: [TOMLNode] = []
    while true {
      try skipBlankLines()
      guard let byte = peek() else { throw fail("expected ']' to close the list") }
      if byte == UInt8(ascii: "]") {
        advance()
        return elements
      }
      elements.append(try value())
      try skipBlankLines()
      if peek() == UInt8(ascii: ",") {
        advance()
      } else if peek() != UInt8(ascii: "]") {
        throw fail("expected ',' or ']' in the list")
      }
    }
  }

  /// `{ a = 1, b = "x" }` on one line.
  private mutating func inlineTable() throws(Failure) -> TOMLTable {
    var table = TOMLTable(position: position)
    advance()
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      advance()
      table.isSealed = true
      return table
    }
    while true {
      let (path, positions) = try key()
      try expect("=", "'=' after the key")
      skipWhitespace()
      depth += path.count
      let node = try value()
      depth -= path.count
      try Self.assignInline(node, path[...], positions[...], in: &table)
      skipWhitespace()
      guard let byte = peek() else { throw fail("expected '}' to close the inline table") }
      advance()
      if byte == UInt8(ascii: "}") {
        table.isSealed = true
        return table
      }
      guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in the inline table", back: 1) }
    }
  }

  private static func assignInline(
    _ node: TOMLNode, _ key: ArraySlice<String>, _ positions: ArraySlice<TextPosition>, in table: inout TOMLTable
  ) throws(Failure) {
    let name = key.first!
    if key.count == 1 {
      guard table[name] == nil else {
        throw Failure(message: "key '\(name)' is defined twice", position: positions.first!)
      }
      table.insert(name, at: positions.first!, node)
      return
    }
    var child = TOMLTable(position: positions.first!)
    if case .table(let existing)? = table[name]?.value { child = existing }
    try assignInline(node, key.dropFirst(), positions.dropFirst(), in: &child)
    if table[name] == nil {
      table.insert(name, at: positions.first!, TOMLNode(value: .table(child), position: positions.first!))
    } else {
      table[name] = TOMLNode(value: .table(child), position: table[name]!.position)
    }
  }
}
