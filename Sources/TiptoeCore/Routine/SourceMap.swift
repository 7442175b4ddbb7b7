/// Where each table and key of a TOML document stands, for error messages.
///
/// TOMLKit reports positions for syntax errors only; this light scan of the
/// text finds the line and column of `[day]`, each `[[exercise]]` and each
/// `key =` in them, so that a bad value can be pointed at too. Keys it cannot
/// place (inline tables, dotted keys) fall back to their table's header.
struct SourceMap {
  /// A table's position and its keys' positions: (line, key column, value column).
  struct Table {
    var line = 1
    var keys: [String: (line: Int, column: Int, valueColumn: Int)] = [:]
  }

  private(set) var tables: [String: Table] = ["": Table()]

  init(text: String) {
    var current = ""
    var exerciseCount = 0
    var depth = 0  // open brackets of a multi-line value
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = Self.stripComment(rawLine)
      let lineNumber = index + 1
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      let indent = line.count - trimmed.count
      if depth == 0 && trimmed.hasPrefix("[[") {
        let name = trimmed.dropFirst(2).prefix { $0 != "]" }.trimmingSpaces
        current = name == "exercise" ? "exercise[\(exerciseCount)]" : String(name)
        if name == "exercise" { exerciseCount += 1 }
        tables[current] = Table(line: lineNumber)
      } else if depth == 0 && trimmed.hasPrefix("[") {
        current = String(trimmed.dropFirst().prefix { $0 != "]" }.trimmingSpaces)
        tables[current] = Table(line: lineNumber)
      } else if depth == 0, let equals = trimmed.firstIndex(of: "=") {
        let key = trimmed[..<equals].trimmingSpaces.trimmingCharacters(in: ["\"", "'"])
        let valueStart = trimmed[trimmed.index(after: equals)...].prefix { $0 == " " }.count
        let valueColumn = indent + trimmed.distance(from: trimmed.startIndex, to: equals) + 2 + valueStart
        if tables[current]?.keys[key] == nil {
          tables[current]?.keys[key] = (lineNumber, indent + 1, valueColumn)
        }
      }
      depth = max(0, depth + Self.bracketBalance(line, skipHeader: depth == 0 && trimmed.hasPrefix("[")))
    }
  }

  /// The location of `key` in `table`, or of the table's header.
  func location(file: String, table: String, key: String? = nil, value: Bool = false) -> SourceLocation {
    let entry = tables[table]
    if let key, let position = entry?.keys[key] {
      return SourceLocation(file: file, line: position.line, column: value ? position.valueColumn : position.column)
    }
    return SourceLocation(file: file, line: entry?.line ?? 1, column: 1)
  }

  /// The line without a trailing `#` comment (a `#` inside a string is kept).
  static func stripComment(_ line: Substring) -> Substring {
    var quote: Character?
    var escaped = false
    for index in line.indices {
      let character = line[index]
      if escaped {
        escaped = false
      } else if character == "\\" && quote == "\"" {
        escaped = true
      } else if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "#" {
        return line[..<index]
      }
    }
    return line
  }

  /// Opened minus closed brackets outside strings.
  static func bracketBalance(_ line: Substring, skipHeader: Bool) -> Int {
    if skipHeader { return 0 }
    var balance = 0
    var quote: Character?
    for character in line {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "[" || character == "{" {
        balance += 1
      } else if character == "]" || character == "}" {
        balance -= 1
      }
    }
    return balance
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
