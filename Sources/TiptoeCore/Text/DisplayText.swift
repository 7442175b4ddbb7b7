/// Text made safe to show to people: on a terminal, in a log or journal line.
public enum DisplayText {
  /// `text` with every control character (C0, DEL, C1: ESC, BEL, NUL, the start of OSC…) and every
  /// bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) replaced by U+FFFD,
  /// scalar by scalar, so that it can neither drive a terminal nor reorder what follows it. Line
  /// feeds are replaced too unless `keepingNewlines` (a log line is one line); tabs are kept.
  ///
  ///     DisplayText.clean("Toe\u{1B}]0;owned\u{07} presses") == "Toe\u{FFFD}]0;owned\u{FFFD} presses"
  public static func clean(_ text: String, keepingNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { isUnsafe($0, keepingNewlines) }) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(isUnsafe(scalar, keepingNewlines) ? "\u{FFFD}" : scalar)
    }
    return String(out)
  }

  private static func isUnsafe(_ scalar: Unicode.Scalar, _ keepingNewlines: Bool) -> Bool {
    switch scalar.value {
    case 0x09: false
    case 0x0A: !keepingNewlines
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
