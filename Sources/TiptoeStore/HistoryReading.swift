import Foundation
import TiptoeCore

/// Reading the history as the one model (`History`): the slots around an instant, or a stretch of days.
public protocol HistoryReading {
  /// The events of slots starting in `start..<end` (undo events included), in append order; with
  /// no `start`, of every slot starting before `end`.
  func events(forSlotsFrom start: Date?, to end: Date) throws -> [HistoryEvent]
  /// Pauses, resumes and the undo events taking them back, in append order.
  func pauseEvents() throws -> [HistoryEvent]
  /// Whether any event belongs to a slot starting before `start`.
  func hasSlotEvents(before start: Date) throws -> Bool
}

extension HistoryReading {
  /// What the reminder rules look at around `now`: the slots of `rules.slots(around:)` and the pause.
  public func history(around now: Date, rules: ReminderRules) throws -> History {
    let window = rules.window(around: now)
    return try history(rules.planner, slotsFrom: window.start, to: window.end)
  }

  /// The slots of `days` dates from `from`, with a day's margin either side (so events still count
  /// when the routine's times moved) and from the Monday of `from`'s week (so weekly goals count
  /// the whole week), and the pause.
  public func history(_ planner: Planner, from: LocalDate, days: Int) throws -> History {
    let first = min(from.adding(days: -1), from.monday)
    return try history(
      planner, slotsFrom: planner.dayStart(first), to: planner.dayStart(from.adding(days: days + 1)))
  }

  /// The whole history up to the end of `through`'s week (a weekly exercise may be done ahead).
  public func history(_ planner: Planner, through: LocalDate) throws -> History {
    try history(planner, slotsFrom: nil, to: planner.dayStart(through.monday.adding(days: 8)))
  }

  /// Each exercise's progress today (of `exercises`, when given) from the last `recentDays` of
  /// history (`HabitProgress.today`).
  public func progressToday(
    _ planner: Planner, today: LocalDate, now: Date, recentDays: Int = 28, exercises: Set<String>? = nil
  ) throws -> [HabitProgress] {
    let start = HabitProgress.recentStart(planner, today: today, recentDays: recentDays)
    let recent = try history(planner, slotsFrom: start, to: planner.dayStart(today.adding(days: 9)))
    return try HabitProgress.today(recent, today: today, now: now, exercises: exercises) {
      try hasSlotEvents(before: start)
    }
  }

  private func history(_ planner: Planner, slotsFrom start: Date?, to end: Date) throws -> History {
    History(planner: planner, events: try events(forSlotsFrom: start, to: end), pauseEvents: try pauseEvents())
  }
}

extension HistoryStore: HistoryReading {}
extension HistoryTransaction: HistoryReading {}
