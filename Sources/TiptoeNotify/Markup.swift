/// Text for servers that read the body as markup.
public enum Markup {
  /// Escapes `&`, `<` and `>` so the text shows as written: `"a < b & c"` → `"a &lt; b &amp; c"`.
  ///
  /// Scalar by scalar, not by character: a `<` that begins a grapheme cluster with what precedes
  /// it (a Prepend character) or a `>` followed by a combining mark is still markup to the server.
  public static func escape(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}
