import Foundation
import TiptoeCore

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

  /// A boolean, or `null` (unknown).
  static func optional(_ value: Bool?) -> JSON { value.map(JSON.bool) ?? .null }

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
/// list, one item per line, written as the items come (in chunks of about 64 KiB).
///
///     {"timezone": "Europe/Berlin", "slots": [
///       {"id": …},
///       {"id": …}
///     ]}
struct JSONListDocument<Output: TextOutputStream> {
  /// Where the document goes.
  private(set) var output: Output
  /// Written, not yet handed to `output`.
  private var pending: [UInt8] = []
  private var isEmpty = true

  /// Writes the opening: the `head` fields, then `"listKey": [`.
  init(head: [(key: String, value: JSON)], listKey: String, to output: Output) {
    self.output = output
    pending.reserveCapacity(1 << 16 + 1024)
    var opening = "{"
    for field in head { opening += JSON.quote(field.key) + ": " + field.value.text + ", " }
    pending += (opening + JSON.quote(listKey) + ": [").utf8
  }

  /// Writes one item of the list, on a line of its own.
  mutating func append(_ item: JSON) { append(utf8: item.text.utf8) }

  /// Writes one item already encoded as JSON (by `JSON`, or from pieces it encoded), on a line of its own.
  mutating func append(utf8 item: some Collection<UInt8>) { appendItem { $0 += item } }

  /// Writes one item, on a line of its own, as `write` puts its UTF-8 together in place.
  mutating func appendItem(_ write: (inout [UInt8]) -> Void) {
    pending += isEmpty ? firstItemSeparator : itemSeparator
    write(&pending)
    isEmpty = false
    if pending.count >= 1 << 16 { flush() }
  }

  /// Closes the list and the object, with a final newline, and writes everything out.
  mutating func finish() {
    pending += (isEmpty ? "]}\n" : "\n]}\n").utf8
    flush()
  }

  /// Hands the chunk to a stream that takes bytes as they are (standard output does), without
  /// making and validating a `String` of it first.
  private mutating func flush() {
    if let sink = output as? any UTF8Sink {
      pending.withUnsafeBufferPointer { sink.write(utf8: $0) }
    } else {
      output.write(String(decoding: pending, as: UTF8.self))
    }
    pending.removeAll(keepingCapacity: true)
  }
}

/// What goes before the first item of a list, and before each of the others.
private let firstItemSeparator = Array("\n  ".utf8)
private let itemSeparator = Array(",\n  ".utf8)
