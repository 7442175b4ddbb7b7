import Foundation

/// Why a reminder is shown.
public enum ReminderKind: String, Hashable, Sendable {
  /// At the slot's time (or when a quiet span or a pause ends).
  case due
  /// Late: the slots came due while the machine was off or asleep.
  case catchUp
  /// A snooze ended.
  case snoozeEnded
  /// Shown once more because nobody answered.
  case nudge
}

/// One notification to show: what kind, for which slots, and whether Snooze is offered.
public struct Reminder: Hashable, Sendable {
  public var kind: ReminderKind
  /// Sorted by start.
  public var slots: [Slot]
  /// False once any of the slots used up its snoozes.
  public var canSnooze: Bool
  /// Slots logged missed at the same time because they came due while nobody was there: a catch-up
  /// says so, so that one notification tells everything about the time away.
  public var missedWhileAway: [Slot] = []

  public init(kind: ReminderKind, slots: [Slot], canSnooze: Bool, missedWhileAway: [Slot] = []) {
    self.kind = kind
    self.slots = slots
    self.canSnooze = canSnooze
    self.missedWhileAway = missedWhileAway
  }
}

/// What the agent should do now, and when to look again.
public struct ReminderDecision: Hashable, Sendable {
  /// New notifications, each to be recorded as `fired` for all its slots.
  public var show: [Reminder] = []
  /// Unanswered slots to show once more (replacing their notification), recorded as `fired` again.
  public var nudge: [Reminder] = []
  /// Slots to record as missed (and whose notification to close).
  public var missed: [Slot] = []
  /// Those of `missed` that came due or waited while a hold was on: the reminder shown on return says
  /// they were logged missed (`Reminder.missedWhileAway`), or a summary of their own when none is shown.
  public var missedWhileAway: [Slot] = []
  /// The next instant the decision changes by the clock alone; nil when only a change of the history can.
  public var wakeAt: Date?

  public init(show: [Reminder] = [], nudge: [Reminder] = [], missed: [Slot] = [], wakeAt: Date? = nil) {
    self.show = show
    self.nudge = nudge
    self.missed = missed
    self.wakeAt = wakeAt
  }

  /// Nothing to do now.
  public var isIdle: Bool { show.isEmpty && nudge.isEmpty && missed.isEmpty }

  /// What carrying it out at `at` records: `missed` for the slots given up, `fired` for every slot shown.
  public func events(at: Date) -> [NewEvent] {
    missed.map { .missed($0, at: at) } + (show + nudge).flatMap { $0.slots.map { .fired($0, at: at) } }
  }
}
