import TiptoeCore

/// One exercise's days as a calendar grid: 7 rows (Monday to Sunday) × one column per week, the
/// last column this week; for the terminal and for the SVG picture.
struct Heatmap {
  /// The Monday of the first column.
  let firstMonday: LocalDate
  let weeks: Int
  /// The exercise's days from `firstMonday` to today.
  let days: [HabitDay]

  init(_ progress: HabitProgress, weeks: Int, today: LocalDate) {
    self.weeks = weeks
    let first = today.monday.adding(days: -7 * (weeks - 1))
    firstMonday = first
    days = progress.days.filter { $0.date >= first }
  }

  /// The day in `column` (0 = oldest week) and `row` (0 = Monday); `future` after today.
  func kind(column: Int, row: Int) -> HabitDay.Kind {
    let offset = column * 7 + row
    return offset < days.count ? days[offset].kind : .future
  }

  /// Month names over the columns whose week starts a month (and the first column): (column, "Nov").
  var monthLabels: [(column: Int, text: String)] {
    var labels: [(column: Int, text: String)] = []
    var previous = 0
    for column in 0..<weeks {
      let monday = firstMonday.adding(days: 7 * column)
      let month = monday.adding(days: 6).fields.month
      if column == 0 || month != previous { labels.append((column, DateText.months[month - 1])) }
      previous = month
    }
    return labels
  }

  /// The strength at the end of each week (today for this one); nil for weeks before the history.
  var weeklyStrength: [Double?] {
    (0..<weeks).map { column in
      let last = min(days.count, column * 7 + 7) - 1
      guard last >= column * 7 else { return nil }
      return days[last].kind == .untracked ? nil : days[last].strength
    }
  }

  /// One character per week, `▁` (0 %) to `█` (100 %); a space before the history.
  var sparkline: String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(weeklyStrength.map { value in value.map { bars[min(7, Int($0 * 8))] } ?? " " })
  }

  /// The grid's lines for the terminal: the month row, then Mon…Sun, each `weeks × 2` columns after a
  /// 4-column weekday label.
  var lines: [String] {
    // A label takes 3 columns from its week's cell (the last one reaches past the grid by one) and
    // is left out where it would touch the one before.
    var months = ""
    for label in monthLabels where months.isEmpty || 4 + 2 * label.column >= months.count + 1 {
      months += String(repeating: " ", count: 4 + 2 * label.column - months.count) + label.text
    }
    var lines = [months]
    for row in 0..<7 {
      var line = Terminal.styled(DateText.weekdays[row], .dim) + " "
      for column in 0..<weeks { line += DayGlyph.cell(kind(column: column, row: row)) + " " }
      lines.append(line.trimmingTrailingSpaces)
    }
    return lines
  }
}

/// How a day looks in the heatmap: a distinct glyph for each kind (so it reads without colour),
/// coloured on a terminal.
enum DayGlyph {
  static func glyph(_ kind: HabitDay.Kind) -> String {
    switch kind {
    case .done: "●"
    case .partial: "◐"
    case .skipped: "–"
    case .missed: "✗"
    case .goalMet: "="
    case .notPlanned: "·"
    case .open: "◌"
    case .future, .untracked: " "
    }
  }

  static func cell(_ kind: HabitDay.Kind) -> String {
    let text = glyph(kind)
    switch kind {
    case .done, .goalMet: return Terminal.styled(text, .green)
    case .partial, .open: return Terminal.styled(text, .yellow)
    case .missed: return Terminal.styled(text, .red)
    case .skipped, .notPlanned: return Terminal.styled(text, .dim)
    case .future, .untracked: return text
    }
  }

  /// The key printed under the grids.
  static var legend: String {
    let kinds: [(HabitDay.Kind, String)] = [
      (.done, "done"), (.partial, "partly"), (.skipped, "skipped"), (.missed, "missed"), (.goalMet, "goal met"),
      (.notPlanned, "not planned"), (.open, "today"),
    ]
    return kinds.map { cell($0.0) + " " + $0.1 }.joined(separator: "  ")
  }
}
