import Foundation
import TiptoeCore

/// What a guide shows: the full screen on a terminal, or one plain line per phase.
struct GuideScreen {
  let columns: Int
  let rows: Int
  let color: Bool

  static let help = "space pause/resume · n next · b back · q quit"

  /// The full screen for `session`, as lines (at most `rows`, each cut to `columns`).
  func lines(_ session: GuideSession, exercises: [Exercise], recorded: [String]) -> [String] {
    guard let phase = session.current else { return [] }
    let number = (exercises.firstIndex { $0.id == phase.exercise } ?? 0) + 1
    let of = exercises.count > 1 ? "exercise \(number) of \(exercises.count)" : ""
    var lines: [String] = []
    lines.append(split(style(Self.printable(phase.title), .bold), of))
    lines.append("")
    let label = session.isPaused ? "Paused" : phase.label
    lines.append(
      split(" " + style(label, phase.kind == .work || phase.kind == .timer ? .green : .cyan), phase.position))
    lines.append("   " + Self.printable(phase.text))
    lines.append("")
    lines.append("   " + style("\(session.remaining) s", .bold) + "  " + bar(session.fraction))
    lines.append("")
    if session.isPaused {
      let why = session.wasSuspended ? "the clock stopped while the machine slept or the guide was stopped; " : ""
      lines.append("   " + style("Paused: \(why)space resumes", .yellow))
    } else if session.index + 1 < session.phases.count {
      let next = session.phases[session.index + 1]
      let title = next.exercise == phase.exercise ? "" : Self.printable(next.title) + ": "
      lines.append("   " + style("Next: \(title)\(next.label) \(next.seconds) s", .dim))
    } else {
      lines.append("   " + style("Last one", .dim))
    }
    lines.append("   " + style("Left: " + Self.clock(session.remainingTotal), .dim))
    if !recorded.isEmpty { lines.append("   " + style("Recorded: " + recorded.joined(separator: "; "), .dim)) }
    if let exercise = exercises.first(where: { $0.id == phase.exercise }), !exercise.steps.isEmpty {
      // The whole exercise, with the steps of this phase marked.
      lines.append("")
      for (number, step) in exercise.steps.enumerated() {
        let text = "\(number + 1). " + Self.printable(step)
        let now = phase.text.contains(step)
        lines.append(now ? " › " + style(text, .bold) : "   " + style(text, .dim))
      }
    }
    let room = rows - 1 - lines.count
    if room > 0 { lines += Array(repeating: "", count: room) }
    lines = Array(lines.prefix(max(1, rows - 1)))
    lines.append(style(Self.help, .dim))
    return lines.map { fit($0) }
  }

  /// The full screen as one write: home, every line cleared to its end, the rest of the screen cleared.
  func frame(_ lines: [String]) -> String {
    "\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
  }

  /// One plain line for a phase that begins `at` seconds into the session, for a pipe or a screen reader:
  /// `0:05  Toe presses · rep 1 of 10 · Go 3 s: Hold for 3 seconds, then let go`.
  static func plainLine(_ phase: GuidePhase, at seconds: Int) -> String {
    let position = phase.position.isEmpty ? "" : " · " + phase.position
    return "\(clock(seconds))  \(printable(phase.title))\(position) · \(phase.label) \(phase.seconds) s: "
      + printable(phase.text)
  }

  /// `0:05`, `2:45`, `1:02:03`.
  static func clock(_ seconds: Int) -> String {
    let minutes = seconds / 60
    let text = String(format: "%d:%02d", minutes % 60, seconds % 60)
    return minutes >= 60 ? "\(minutes / 60):" + String(format: "%02d:%02d", minutes % 60, seconds % 60) : text
  }

  /// Text from the routine with control characters (escape sequences, bells) shown as `�`.
  static func printable(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
  }

  // MARK: Pieces

  private func bar(_ fraction: Double) -> String {
    let width = max(10, min(40, columns - 12))
    let filled = Int((fraction * Double(width)).rounded(.down))
    return style(String(repeating: "█", count: filled), .green) + String(repeating: "░", count: width - filled)
  }

  /// `left` and `right` on one line, `right` flush with the edge when there is room.
  private func split(_ left: String, _ right: String) -> String {
    guard !right.isEmpty else { return left }
    let gap = columns - 1 - visible(left) - right.count
    return gap > 1 ? left + String(repeating: " ", count: gap) + right : left + "  " + right
  }

  private func style(_ text: String, _ style: Terminal.Style) -> String {
    color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// Columns a styled line takes on screen.
  private func visible(_ text: String) -> Int {
    Terminal.columns(Self.stripped(text))
  }

  /// `line` cut to the screen's width, keeping its styles intact (cut lines lose only their end).
  private func fit(_ line: String) -> String {
    guard visible(line) > columns else { return line }
    return Terminal.pad(Self.stripped(line), columns)
  }

  static func stripped(_ text: String) -> String {
    var out = ""
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if scalar == "m" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
