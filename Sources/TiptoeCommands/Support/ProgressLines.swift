import TiptoeCore

/// The overview's progress block: a line per exercise with its streak and this week's count.
///
///       Toe presses         6-day streak · 9 of 21 this week
///       Resisted flexion    2-day streak · 1 of 2–3 this week, 4 days left
struct ProgressLines {
  let context: Context

  func write(_ progress: [HabitProgress], to out: inout some TextOutputStream) {
    let width = min(36, progress.map { Terminal.columns($0.exercise.title) }.max() ?? 10)
    for item in progress {
      let streak =
        item.streak.current > 0
        ? ProgressText.streak(item.streak.current, atLeast: item.streakGoesFurther) : "no streak"
      var line = "  " + Terminal.pad(item.exercise.title, width) + "  "
      line += Terminal.styled(streak, item.streak.current > 0 ? .green : .dim) + " · " + ProgressText.week(item.week)
      out.write(line + "\n")
    }
  }
}
