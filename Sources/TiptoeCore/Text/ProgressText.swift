/// Progress in words, the same in `stats`, the overview and the reminders.
public enum ProgressText {
  /// `1 day`, `20 days`.
  public static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

  /// `6-day streak`; `28+-day streak` when it is at least that long.
  public static func streak(_ days: Int, atLeast: Bool = false) -> String { "\(days)\(atLeast ? "+" : "")-day streak" }

  /// `2 of 2–3` (a weekly goal below the planned count), `9 of 21`.
  public static func count(_ week: WeekProgress) -> String {
    week.isWeekly && week.goal < week.planned
      ? "\(week.done) of \(week.goal)–\(week.planned)" : "\(week.done) of \(week.goal)"
  }

  /// How the week stands: `1 of 2–3 this week, 4 days left`, `2 of 2–3 this week, goal met`,
  /// `0 of 2–3 this week, behind: 2 to go, 1 slot left`
  /// (or `none left`); daily ones just `9 of 21 this week`.
  public static func week(_ week: WeekProgress, label: String = " this week") -> String {
    let text = count(week) + label
    guard week.isWeekly else { return text }
    if week.isMet { return text + ", goal met" }
    if week.isBehind {
      let slots = week.left == 0 ? "none" : week.left == 1 ? "1 slot" : "\(week.left) slots"
      return text + ", behind: \(week.goal - week.done) to go, \(slots) left"
    }
    return text + ", " + days(week.daysLeft) + " left"
  }
}
