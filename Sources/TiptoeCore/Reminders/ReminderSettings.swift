import Foundation

/// The agent's timing rules, in seconds.
public struct ReminderSettings: Hashable, Sendable, Codable {
  /// Slots due within this long after the first one join its notification.
  public var mergeWindow: TimeInterval
  /// A slot shown this late or later (after a suspend or power-off) counts as caught up.
  public var lateAfter: TimeInterval
  /// Slots missed by up to this long are still shown (merged) on start or wake; older ones of the same day
  /// are logged missed.
  public var catchUpWindow: TimeInterval
  /// An unanswered reminder is shown once more after this long.
  public var nudgeAfter: TimeInterval
  /// An unanswered reminder is logged missed (and closed) this long after it was first shown.
  public var missAfter: TimeInterval
  /// How long the Snooze button puts a slot off.
  public var snooze: TimeInterval
  /// The Snooze button is left out once a slot was snoozed this many times.
  public var maxSnoozes: Int

  public init(
    mergeWindow: TimeInterval = 5 * 60, lateAfter: TimeInterval = 2 * 60, catchUpWindow: TimeInterval = 3 * 3600,
    nudgeAfter: TimeInterval = 15 * 60, missAfter: TimeInterval = 60 * 60, snooze: TimeInterval = 10 * 60,
    maxSnoozes: Int = 3
  ) {
    self.mergeWindow = mergeWindow
    self.lateAfter = lateAfter
    self.catchUpWindow = catchUpWindow
    self.nudgeAfter = nudgeAfter
    self.missAfter = missAfter
    self.snooze = snooze
    self.maxSnoozes = maxSnoozes
  }
}
