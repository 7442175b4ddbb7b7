/// Text for servers that read the body as markup.
public enum Markup {
  /// Escapes `&`, `<` and `>` so the text shows as written: `"a < b & c"` → `"a &lt; b &amp; c"`.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}
