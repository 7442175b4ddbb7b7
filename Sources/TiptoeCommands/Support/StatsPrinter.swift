import Foundation
import TiptoeCore

/// `tiptoe stats` in its forms: text with a heatmap for people, JSON and CSV (formats in the README).
struct StatsPrinter {
  let context: Context
  let progress: [HabitProgress]
  let weeks: Int
  let from: LocalDate

  /// `{"timezone", "from", "to", "exercises": [{id, title, strength, streak, week, adherence, days}]}`,
  /// an exercise a line; fractions with 4 decimals, every key always present (null when it does not apply).
  func json(to out: some TextOutputStream) {
    var document = JSONListDocument(
      head: [
        ("timezone", .string(context.zoneName)), ("from", .string(from.description)),
        ("to", .string(context.today.description)),
      ], listKey: "exercises", to: out)
    for item in progress {
      let days = item.days.map { day in
        JSON.object([
          ("date", .string(day.date.description)), ("planned", .int(day.planned)), ("done", .int(day.done)),
          ("skipped", .int(day.skipped)), ("status", .string(day.kind.rawValue)),
        ])
      }
      document.append(
        .object([
          ("id", .string(item.exercise.id)), ("title", .string(item.exercise.title)),
          ("strength", .fraction(item.strength)),
          ("streak", .object([("current", .int(item.streak.current)), ("best", .int(item.streak.best))])),
          (
            "week",
            .object([
              ("done", .int(item.week.done)), ("goal", .int(item.week.goal)), ("planned", .int(item.week.planned)),
            ])
          ),
          ("adherence", .fraction(item.adherence)), ("days", .array(days)),
        ]))
    }
    document.finish()
  }

  /// RFC 4180 CSV with a header: one row per exercise and day, the strength at the end of that day.
  func csv(to out: inout some TextOutputStream) {
    out.write(CSV.row(["exercise", "title", "date", "planned", "done", "skipped", "status", "strength"]))
    for item in progress {
      for day in item.days {
        out.write(
          CSV.row([
            item.exercise.id, item.exercise.title, day.date.description, String(day.planned), String(day.done),
            String(day.skipped), day.kind.rawValue, JSON.fraction(day.strength).text,
          ]))
      }
    }
  }

  /// For people: per exercise a title line, the heatmap with the numbers beside it (below it when
  /// the grid is too wide for 80 columns), then the key.
  func text(to out: inout some TextOutputStream) {
    out.write(
      Terminal.styled("Progress", .bold) + " · " + DateText.heading(from) + " to " + DateText.heading(context.today)
        + " · " + context.zoneLabel + "\n")
    for item in progress {
      let map = Heatmap(item, weeks: weeks, today: context.today)
      let numbers = Self.numbers(item, sparkline: map.sparkline)
      let grid = map.lines
      let gridWidth = 4 + 2 * weeks
      let beside = gridWidth + 2 + (numbers.map(Terminal.columns).max() ?? 0) <= 80
      out.write("\n" + Terminal.styled(item.exercise.title, .bold) + "  " + item.exercise.scheduleDescription + "\n")
      for (index, line) in grid.enumerated() {
        var text = line
        if beside, index >= 1, index - 1 < numbers.count {
          text += String(repeating: " ", count: gridWidth - Terminal.columns(Self.plain(line)) + 2) + numbers[index - 1]
        }
        out.write(text.trimmingTrailingSpaces + "\n")
      }
      if !beside { for line in numbers { out.write("    " + line + "\n") } }
    }
    out.write("\n" + DayGlyph.legend + "\n")
  }

  /// The numbers beside a heatmap: strength and its sparkline, streaks, this week, adherence.
  static func numbers(_ item: HabitProgress, sparkline: String) -> [String] {
    let best = item.streak.best > item.streak.current ? " (best \(item.streak.best))" : ""
    return [
      "strength   " + Terminal.pad(Self.percent(item.strength), 5) + "  " + Terminal.styled(sparkline, .green),
      "streak     " + ProgressText.days(item.streak.current) + best,
      "this week  " + ProgressText.week(item.week, label: ""),
      "adherence  " + (item.adherence.map(Self.percent) ?? "–"),
    ]
  }

  /// `66 %`.
  static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded())) %" }

  /// `text` without ANSI styles, to measure it.
  static func plain(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }
}
