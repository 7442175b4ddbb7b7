import Foundation
import TiptoeCore

/// Writing to the terminal: colour only on a TTY and never with NO_COLOR.
enum Terminal {
  static let useColor: Bool = {
    if Environment["NO_COLOR"] != nil || Environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }()

  enum Style: String {
    case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", cyan = "36"
  }

  /// `text` wrapped in an ANSI style when colour is on.
  static func styled(_ text: String, _ style: Style) -> String {
    useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// One line on stderr: `tiptoe: error: …` (or the message as is when it names its place); what
  /// it quotes (arguments, paths, routine text) cannot drive the terminal (`DisplayText`).
  static func error(_ message: String) {
    let message = DisplayText.clean(message, keepingNewlines: true)
    let line =
      message.contains(": error: ") || message.hasPrefix("error: ") ? "tiptoe: " + message : "tiptoe: error: " + message
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// A line on stderr that is not an error.
  static func note(_ message: String) {
    FileHandle.standardError.write(Data(("tiptoe: " + DisplayText.clean(message, keepingNewlines: true) + "\n").utf8))
  }

  /// `text` in exactly `width` terminal columns: padded with spaces, or cut with `…` when wider.
  static func pad(_ text: String, _ width: Int) -> String {
    var used = columns(text)
    guard used > width else { return text + String(repeating: " ", count: width - used) }
    var kept = ""
    used = 0
    for character in text {
      let next = columns(String(character))
      if used + next > width - 1 { break }
      kept.append(character)
      used += next
    }
    return kept + "…" + String(repeating: " ", count: width - 1 - used)
  }

  /// How many terminal columns `text` takes: East Asian wide characters and emoji take two,
  /// combining marks and other zero-width scalars none (a wcwidth for the text titles hold).
  static func columns(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format, .control: return total
      default: break
      }
      let value = scalar.value
      let wide =
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) && value != 0x303F
        || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
        || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
        || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
        || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
      return total + (wide ? 2 : 1)
    }
  }
}
