/// A TOML 1.0 parser that keeps the line and column of every key and value.
///
/// Written for tiptoe's routine files so that every error, syntax or
/// meaning, can name its line and column (TOMLKit reports positions for
/// syntax errors only, and its bundled toml++ asserts on some malformed
/// input instead of reporting it).
struct TOMLParser {
  /// A syntax error: what was expected and where.
  struct Failure: Error, Equatable {
    let message: String
    let position: TextPosition
  }

  /// How deep a value may sit: the parts of its table's header and of its key, and the lists and
  /// inline tables around it, together. A routine needs three; the limit keeps the parser's
  /// recursion (and everything that walks the tree) far from the end of the stack.
  static let maximumDepth = 64

  let bytes: [UInt8]
  var index = 0
  var line = 1
  var lineStart = 0
  /// Where `position` last counted to on the current line, and the column there.
  var columnMark = (offset: 0, column: 1)
  /// How deep the value being read sits (see `maximumDepth`).
  var depth = 0

  init(_ text: String) { bytes = Array(text.utf8) }

  /// Parses a whole document into its root table.
  static func parse(_ text: String) throws(Failure) -> TOMLTable {
    var parser = TOMLParser(text)
    return try parser.document()
  }

  // MARK: Document structure

  private mutating func document() throws(Failure) -> TOMLTable {
    var root = TOMLTable(position: TextPosition(line: 1, column: 1))
    var current: [PathStep] = []
    while true {
      skipWhitespace()
      guard let byte = peek() else { return root }
      switch byte {
      case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        try endOfLine()
      case UInt8(ascii: "["):
        depth = 0
        current = try header(into: &root)
        try endOfLine()
      default:
        depth = current.count
        let (path, keyPositions) = try key()
        try expect("=", "'=' after the key")
        skipWhitespace()
        depth += path.count
        let node = try value()
        try Self.insert(node, at: current, key: path, keyPositions: keyPositions, into: &root)
        try endOfLine()
      }
    }
  }

  /// A step into the tree: a key, and for arrays of tables the last element.
  private struct PathStep {
    let key: String
    let position: TextPosition
  }

  /// `[a.b]` or `[[a.b]]`: creates the table and returns its path.
  private mutating func header(into root: inout TOMLTable) throws(Failure) -> [PathStep] {
    let start = position
    advance()
    let isArray = peek() == UInt8(ascii: "[")
    if isArray { advance() }
    skipWhitespace()
    guard let first = peek(), isBareKey(first) || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") else {
      throw fail("expected a table name after '['")
    }
    let (names, positions) = try key()
    try expect("]", "']' to close the table header")
    if isArray { try expect("]", "']]' to close the array-of-tables header") }
    let steps = zip(names, positions).map { PathStep(key: $0, position: $1) }
    try Self.open(steps[...], isArray: isArray, header: start, in: &root)
    return steps
  }

  /// Opens (creates or enters) the table at `path` for a header.
  private static func open(
    _ path: ArraySlice<PathStep>, isArray: Bool, header: TextPosition, in table: inout TOMLTable
  ) throws(Failure) {
    let step = path.first!
    let isLast = path.count == 1
    guard var node = table.take(step.key) else {
      var child = TOMLTable(position: header)
      let node: TOMLNode
      if isLast {
        child.isExplicit = true
        child.isSealed = isArray
        let table = TOMLNode(value: .table(child), position: header)
        node = isArray ? TOMLNode(value: .array([table]), position: header) : table
      } else {
        try open(path.dropFirst(), isArray: isArray, header: header, in: &child)
        node = TOMLNode(value: .table(child), position: header)
      }
      table.insert(step.key, at: step.position, node)
      return
    }
    defer { table[step.key] = node }
    if var child = node.value.takeTable() {
      defer { node.value = .table(child) }
      if isLast {
        guard !isArray, !child.isExplicit, !child.isSealed else {
          throw Failure(message: "table '\(step.key)' is defined twice", position: header)
        }
        child.isExplicit = true
        child.position = header
      } else {
        guard !child.isSealed else { throw Failure(message: "'\(step.key)' cannot be extended here", position: header) }
        try open(path.dropFirst(), isArray: isArray, header: header, in: &child)
      }
    } else if var elements = node.value.takeArray() {
      defer { node.value = .array(elements) }
      guard elements.last.map(isArrayOfTables) == true, var last = elements[elements.count - 1].value.takeTable() else {
        throw Failure(message: "'\(step.key)' is a list, not a table", position: header)
      }
      if isLast {
        guard isArray else { throw Failure(message: "table '\(step.key)' is defined twice", position: header) }
        var child = TOMLTable(position: header)
        child.isExplicit = true
        child.isSealed = true
        elements[elements.count - 1].value = .table(last)
        elements.append(TOMLNode(value: .table(child), position: header))
      } else {
        defer { elements[elements.count - 1].value = .table(last) }
        try open(path.dropFirst(), isArray: isArray, header: header, in: &last)
      }
    } else {
      throw Failure(message: "'\(step.key)' already has a value", position: header)
    }
  }

  private static func isArrayOfTables(_ node: TOMLNode) -> Bool {
    if case .table(let table) = node.value { return table.isSealed && table.isExplicit }
    return false
  }

  /// Inserts `key = node` under the table at `path` (the current header), following dotted keys.
  private static func insert(
    _ node: TOMLNode, at path: [PathStep], key: [String], keyPositions: [TextPosition], into root: inout TOMLTable
  ) throws(Failure) {
    try descend(path[...], in: &root) { (table: inout TOMLTable) throws(Failure) in
      try assign(node, key[...], keyPositions[...], in: &table)
    }
  }

  private static func descend(
    _ path: ArraySlice<PathStep>, in table: inout TOMLTable, _ body: (inout TOMLTable) throws(Failure) -> Void
  ) throws(Failure) {
    guard let step = path.first else { return try body(&table) }
    guard var node = table.take(step.key) else { return }
    defer { table[step.key] = node }
    if var child = node.value.takeTable() {
      defer { node.value = .table(child) }
      try descend(path.dropFirst(), in: &child, body)
    } else if var elements = node.value.takeArray() {
      defer { node.value = .array(elements) }
      guard !elements.isEmpty, var last = elements[elements.count - 1].value.takeTable() else { return }
      defer { elements[elements.count - 1].value = .table(last) }
      try descend(path.dropFirst(), in: &last, body)
    }
  }

  private static func assign(
    _ node: TOMLNode, _ key: ArraySlice<String>, _ positions: ArraySlice<TextPosition>, in table: inout TOMLTable
  ) throws(Failure) {
    let name = key.first!
    let position = positions.first!
    if key.count == 1 {
      guard table[name] == nil else { throw Failure(message: "key '\(name)' is defined twice", position: position) }
      table.insert(name, at: position, node)
      return
    }
    guard var existing = table.take(name) else {
      var child = TOMLTable(position: position)
      try assign(node, key.dropFirst(), positions.dropFirst(), in: &child)
      table.insert(name, at: position, TOMLNode(value: .table(child), position: position))
      return
    }
    defer { table[name] = existing }
    // On failure the whole parse fails, so the taken table need not go back.
    guard var child = existing.value.takeTable(), !child.isExplicit, !child.isSealed else {
      throw Failure(message: "key '\(name)' is defined twice", position: position)
    }
    defer { existing.value = .table(child) }
    try assign(node, key.dropFirst(), positions.dropFirst(), in: &child)
  }
}
