/// A position in a text: 1-based line and column (columns count characters).
struct TextPosition: Hashable, Sendable {
  var line: Int
  var column: Int
}

/// A parsed TOML value with the position where it starts.
struct TOMLNode: Sendable {
  enum Value: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// An offset/local date-time, date or time, kept as written: `08:30:00`.
    case dateTime(String)
    case array([TOMLNode])
    case table(TOMLTable)
  }

  var value: Value
  let position: TextPosition
}

extension TOMLNode.Value {
  /// The list, moved out (the value becomes `false`), so that changing it copies nothing.
  mutating func takeArray() -> [TOMLNode]? {
    guard case .array(let elements) = self else { return nil }
    self = .boolean(false)
    return elements
  }

  /// The table, moved out (the value becomes `false`), so that changing it copies nothing.
  mutating func takeTable() -> TOMLTable? {
    guard case .table(let table) = self else { return nil }
    self = .boolean(false)
    return table
  }
}

/// A TOML table: its keys in order, each with its value and where the key stands.
struct TOMLTable: Sendable {
  /// Where the table was opened (its header, or its first key).
  var position: TextPosition
  private(set) var keys: [String] = []
  private var entries: [String: (key: TextPosition, node: TOMLNode)] = [:]
  /// Whether a `[header]` defined it (a second such header is an error).
  var isExplicit = false
  /// Whether it is an inline table or an array of tables' element (closed to later headers).
  var isSealed = false

  init(position: TextPosition) { self.position = position }

  subscript(key: String) -> TOMLNode? {
    get { entries[key]?.node }
    set {
      if let newValue {
        if entries[key] == nil { keys.append(key) }
        entries[key] = (entries[key]?.key ?? newValue.position, newValue)
      }
    }
  }

  /// Takes `key`'s node out for changing in place (its slot keeps the key's place); put it back with the subscript.
  ///
  /// Changing a node while the table still holds it would copy the node's
  /// whole list or table on every change: quadratic for a long `[[exercise]]` list.
  mutating func take(_ key: String) -> TOMLNode? {
    guard let node = entries[key]?.node else { return nil }
    entries[key]?.node = TOMLNode(value: .boolean(false), position: node.position)
    return node
  }

  /// Where `key` itself is written.
  func keyPosition(_ key: String) -> TextPosition? { entries[key]?.key }

  mutating func insert(_ key: String, at position: TextPosition, _ node: TOMLNode) {
    keys.append(key)
    entries[key] = (position, node)
  }
}
