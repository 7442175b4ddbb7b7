import Foundation

/// A JSON value as tiptoe prints it: object keys in the order given, `", "` and `": "` between items.
enum JSON {
  case string(String)
  case int(Int)
  /// A number with a fixed count of decimals: `.fixed(0.655747, places: 4)` is `0.6557`.
  case fixed(Double, places: Int)
  case bool(Bool)
  case null
  case array([JSON])
  case object([(key: String, value: JSON)])

  /// A string, or `null`.
  static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }

  /// A whole number, or `null`.
  static func optional(_ number: Int?) -> JSON { number.map(JSON.int) ?? .null }

  /// A fraction with 4 decimals, or `null`.
  static func fraction(_ value: Double?) -> JSON { value.map { .fixed($0, places: 4) } ?? .null }

  /// The value in one line.
  var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout some TextOutputStream) {
    switch self {
    case .string(let text): out.write(Self.quote(text))
    case .int(let number): out.write(String(number))
    case .fixed(let number, let places): out.write(String(format: "%.\(places)f", number))
    case .bool(let value): out.write(value ? "true" : "false")
    case .null: out.write("null")
    case .array(let items):
      out.write("[")
      for (index, item) in items.enumerated() {
        if index > 0 { out.write(", ") }
        item.write(to: &out)
      }
      out.write("]")
    case .object(let fields):
      out.write("{")
      for (index, field) in fields.enumerated() {
        if index > 0 { out.write(", ") }
        out.write(Self.quote(field.key) + ": ")
        field.value.write(to: &out)
      }
      out.write("}")
    }
  }

  /// `text` as a JSON string literal, quotes included, escaped by Unicode scalar: `"Toe \"presses\""`.
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// A document of the shape `plan --json` and `log --json` print: an object whose last key holds a
/// list, one item per line, written as the items come.
///
///     {"timezone": "Europe/Berlin", "slots": [
///       {"id": …},
///       {"id": …}
///     ]}
struct JSONListDocument<Output: TextOutputStream> {
  /// Where the document goes.
  private(set) var output: Output
  private var isEmpty = true

  /// Writes the opening: the `head` fields, then `"listKey": [`.
  init(head: [(key: String, value: JSON)], listKey: String, to output: Output) {
    self.output = output
    self.output.write("{")
    for field in head { self.output.write(JSON.quote(field.key) + ": " + field.value.text + ", ") }
    self.output.write(JSON.quote(listKey) + ": [")
  }

  /// Writes one item of the list, on a line of its own.
  mutating func append(_ item: JSON) { append(raw: item.text) }

  /// Writes one item already encoded as JSON text (by `JSON`), on a line of its own.
  mutating func append(raw item: String) {
    output.write(isEmpty ? "\n  " : ",\n  ")
    output.write(item)
    isEmpty = false
  }

  /// Closes the list and the object, with a final newline.
  mutating func finish() { output.write(isEmpty ? "]}\n" : "\n]}\n") }
}
