import Foundation

/// The terminal of a full-screen guide: raw keys, the alternate screen, a hidden cursor, and all of it
/// put back on every way out (the end, `q`, Ctrl-C, SIGTERM, SIGHUP).
final class GuideTerminal {
  private var saved = termios()
  private var active = false

  /// Whether the guide can take over the terminal: keys come from one and the screen goes to one.
  static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

  /// Raw keys (no echo, no line buffering, Ctrl-C as a key), the alternate screen, no cursor.
  func enter() {
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 0
      cc[Int(VTIME)] = 0
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    active = true
    GuideSignals.install()
    write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
  }

  /// Back to the screen and mode the user had, with the cursor shown.
  func leave() {
    guard active else { return }
    active = false
    write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
    tcsetattr(STDIN_FILENO, TCSANOW, &saved)
  }

  deinit { leave() }

  /// Columns and rows; 80 × 24 when the terminal does not say.
  var size: (columns: Int, rows: Int) {
    var window = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
      return (80, 24)
    }
    return (Int(window.ws_col), Int(window.ws_row))
  }

  /// The keys typed within `milliseconds` (none when the time passes, or a signal comes, first).
  func keys(within milliseconds: Int32) -> [UInt8] {
    var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, milliseconds) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(STDIN_FILENO, &buffer, buffer.count)
    return count > 0 ? Array(buffer[..<count]) : []
  }

  func write(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}

/// The signals a guide answers: SIGINT, SIGTERM and SIGHUP end it (the terminal is put back first),
/// SIGWINCH redraws it at the new size.
enum GuideSignals {
  nonisolated(unsafe) static var stop: Int32 = 0
  nonisolated(unsafe) static var resized: Int32 = 0

  static func install() {
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      _ = Foundation.signal(signal) { GuideSignals.stop = $0 }
    }
    _ = Foundation.signal(SIGWINCH) { _ in GuideSignals.resized = 1 }
  }
}
