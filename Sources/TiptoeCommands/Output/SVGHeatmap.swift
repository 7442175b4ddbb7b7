import Foundation
import TiptoeCore

/// `stats --svg FILE`: the heatmaps as one SVG picture, plain SVG 1.1 with no script or font files.
struct SVGHeatmap {
  let printer: StatsPrinter

  static let cell = 14
  static let gap = 3
  static let left = 40
  static let blockHeight = 7 * (cell + gap) + 58

  /// The fill of a day's square; skipped days are hatched, days before the history left out.
  static func fill(_ kind: HabitDay.Kind) -> String? {
    switch kind {
    case .done: "#2e9e4f"
    case .partial: "#e8c547"
    case .skipped: "url(#skipped)"
    case .missed: "#d9534f"
    case .goalMet: "#a8dcb5"
    case .notPlanned: "#ececec"
    case .open: "#fff3c4"
    case .future, .untracked: nil
    }
  }

  var text: String {
    let weeks = printer.weeks
    let gridWidth = Self.left + weeks * (Self.cell + Self.gap)
    let width = gridWidth + 340
    let height = 40 + printer.progress.count * Self.blockHeight + 30
    var svg = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
      font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">
      <defs><pattern id="skipped" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
      <rect width="4" height="4" fill="#dddddd"/><line x1="0" y1="0" x2="0" y2="4" stroke="#999999" stroke-width="2"/>\
      </pattern></defs>
      <rect width="100%" height="100%" fill="#ffffff"/>
      <text x="10" y="24" font-size="15" font-weight="bold">\(Self.escape(printer.context.routine.name))</text>

      """
    for (index, item) in printer.progress.enumerated() {
      let top = 40 + index * Self.blockHeight
      let map = Heatmap(item, weeks: weeks, today: printer.context.today)
      svg += "<text x=\"10\" y=\"\(top + 16)\" font-size=\"13\" font-weight=\"bold\">"
      svg += Self.escape(item.exercise.title) + "</text>\n"
      for label in map.monthLabels {
        svg += "<text x=\"\(Self.left + label.column * (Self.cell + Self.gap))\" y=\"\(top + 34)\" fill=\"#666666\">"
        svg += label.text + "</text>\n"
      }
      let gridTop = top + 40
      for row in 0..<7 where row % 2 == 0 {
        svg += "<text x=\"10\" y=\"\(gridTop + row * (Self.cell + Self.gap) + 11)\" fill=\"#666666\">"
        svg += DateText.weekdays[row] + "</text>\n"
      }
      for column in 0..<weeks {
        for row in 0..<7 {
          guard let fill = Self.fill(map.kind(column: column, row: row)) else { continue }
          svg +=
            "<rect x=\"\(Self.left + column * (Self.cell + Self.gap))\" y=\"\(gridTop + row * (Self.cell + Self.gap))\" "
          svg += "width=\"\(Self.cell)\" height=\"\(Self.cell)\" rx=\"2\" fill=\"\(fill)\"/>\n"
        }
      }
      for (line, number) in StatsPrinter.numbers(item, sparkline: map.sparkline).enumerated() {
        svg += "<text x=\"\(gridWidth + 16)\" y=\"\(gridTop + 11 + line * 2 * (Self.cell + Self.gap))\">"
        svg += Self.escape(StatsPrinter.plain(number)) + "</text>\n"
      }
    }
    var x = 10
    let y = height - 16
    for (kind, name) in [
      (HabitDay.Kind.done, "done"), (.partial, "partly"), (.skipped, "skipped"), (.missed, "missed"),
      (.goalMet, "goal met"), (.notPlanned, "not planned"),
    ] {
      svg += "<rect x=\"\(x)\" y=\"\(y - 10)\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(Self.fill(kind)!)\"/>"
      svg += "<text x=\"\(x + 16)\" y=\"\(y)\">\(name)</text>\n"
      x += 22 + name.count * 7
    }
    return svg + "</svg>\n"
  }

  /// Writes the picture; an I/O error names the file.
  func write(to path: String) throws {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CLIError.io("--svg: cannot write '\(path)': \(error.localizedDescription)")
    }
  }

  /// Text for XML: `& < > "` as entities, control characters dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case _ where scalar.value < 0x20: continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
