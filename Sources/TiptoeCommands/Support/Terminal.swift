import Foundation

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

  /// One line on stderr: `tiptoe: error: …` (or the message as is when it names its place).
  static func error(_ message: String) {
    let line =
      message.contains(": error: ") || message.hasPrefix("error: ") ? "tiptoe: " + message : "tiptoe: error: " + message
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// A line on stderr that is not an error.
  static func note(_ message: String) {
    FileHandle.standardError.write(Data(("tiptoe: " + message + "\n").utf8))
  }

  /// Pads to a display width (counting characters, which suffices for our text).
  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }
}
