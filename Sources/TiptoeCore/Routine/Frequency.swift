/// How often an exercise is planned, parsed from a phrase such as "3 times a day".
public struct Frequency: Hashable, Sendable, CustomStringConvertible {
  /// The span a count refers to.
  public enum Period: String, Hashable, Sendable {
    /// `times` slots every day.
    case day
    /// `times` days of every week, one slot each.
    case week
    /// One slot every second day.
    case everyOtherDay
  }

  public let period: Period
  /// How many slots are planned per period (a range plans its upper end).
  public let times: Int
  /// How many count as meeting the goal (a range's lower end; otherwise `times`).
  public let goal: Int

  public init(period: Period, times: Int, goal: Int? = nil) {
    self.period = period
    self.times = times
    self.goal = goal ?? times
  }

  /// A short English rendering: "3× a day", "2–3× a week", "every other day".
  public var description: String {
    let count = goal == times ? "\(times)×" : "\(goal)–\(times)×"
    switch period {
    case .day: return "\(count) a day"
    case .week: return "\(count) a week"
    case .everyOtherDay: return "every other day"
    }
  }
}
