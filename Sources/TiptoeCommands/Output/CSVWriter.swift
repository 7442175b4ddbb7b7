/// RFC 4180 CSV as tiptoe prints it: CRLF line ends, fields quoted only where needed.
///
/// Scalar by scalar (a `"` followed by a combining mark is still a quote to a CSV reader), and safe
/// to open in a spreadsheet: a field starting with `=`, `+`, `-`, `@`, a tab or a carriage return
/// is a formula there, so it gets a `'` in front and quotes around it, as OWASP recommends.
enum CSV {
  /// One field: quoted (quotes doubled) when it holds a comma, a quote or a line break, or starts
  /// like a formula (then `'` in front); nil is empty. `=1+2` → `"'=1+2"`.
  static func field(_ text: String?) -> String {
    guard let text else { return "" }
    let scalars = text.unicodeScalars
    let formula = scalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
    guard formula || scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    var out = String.UnicodeScalarView()
    out.append("\"")
    if formula { out.append("'") }
    for scalar in scalars {
      if scalar == "\"" { out.append("\"") }
      out.append(scalar)
    }
    out.append("\"")
    return String(out)
  }

  /// One line of fields, with its CRLF.
  static func row(_ fields: [String?]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
