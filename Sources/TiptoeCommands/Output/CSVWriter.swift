/// RFC 4180 CSV as tiptoe prints it: CRLF line ends, fields quoted only where needed.
enum CSV {
  /// One field: quoted (quotes doubled) when it holds a comma, a quote or a line break; nil is empty.
  static func field(_ text: String?) -> String {
    guard let text else { return "" }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One line of fields, with its CRLF.
  static func row(_ fields: [String?]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
