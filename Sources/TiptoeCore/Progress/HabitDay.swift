/// How one exercise stood on one local date.
public struct HabitDay: Hashable, Sendable {
  /// What the day was, for streaks and the heatmap.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// Every slot not skipped was done.
    case done
    /// Some of the day's slots were done, not all.
    case partial
    /// Every slot was skipped.
    case skipped
    /// Nothing done, and slots were planned.
    case missed
    /// Not done, in a week that already has its weekly goal: optional.
    case goalMet = "goal-met"
    /// Nothing planned that day.
    case notPlanned = "not-planned"
    /// Today, with slots still to come or due.
    case open
    /// After today.
    case future
    /// Before the first day of the history.
    case untracked

    /// Whether the day keeps a streak going (done, skipped, or not due).
    public var keepsStreak: Bool {
      switch self {
      case .done, .skipped, .goalMet, .notPlanned: true
      case .partial, .missed, .open, .future, .untracked: false
      }
    }
  }

  public let date: LocalDate
  /// Slots planned that day: the routine's, and any other slot of the exercise the history settled
  /// that day (a routine edited since is judged by what was planned then).
  public var planned: Int
  public var done: Int
  public var skipped: Int
  /// Today's slots not settled yet (pending, due or snoozed).
  public var open: Int
  public var kind: Kind
  /// The strength at the end of the day, in [0, 1] (0 before the history).
  public var strength: Double

  public init(
    date: LocalDate, planned: Int = 0, done: Int = 0, skipped: Int = 0, open: Int = 0, kind: Kind = .untracked,
    strength: Double = 0
  ) {
    self.date = date
    self.planned = planned
    self.done = done
    self.skipped = skipped
    self.open = open
    self.kind = kind
    self.strength = strength
  }
}

/// This week's count of an exercise (ISO week, Monday first).
public struct WeekProgress: Hashable, Sendable {
  /// Slots done this week.
  public var done: Int
  /// How many count as meeting the goal: a weekly goal ("2" of "twice or three times a week"),
  /// else every slot planned this week.
  public var goal: Int
  /// Slots planned this week.
  public var planned: Int
  /// Planned slots still ahead this week (today's unsettled ones included).
  public var left: Int
  /// Days left in the week, today included.
  public var daysLeft: Int
  /// Whether the exercise has a weekly goal (rather than a daily plan).
  public var isWeekly: Bool

  /// Behind: fewer planned slots left than slots still needed for the goal.
  public var isBehind: Bool { done < goal && goal - done > left }
  /// The goal is done.
  public var isMet: Bool { done >= goal }
}
