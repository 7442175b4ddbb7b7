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

  /// Each exercise's progress today (streaks, this week; `days` holds today alone) from the last
  /// `recentDays` of history only, so that it costs the same however long the history is: a streak
  /// that reaches that far back, with older history, is marked `streakGoesFurther`. Only of
  /// `exercises` (ids) when given.
  public func progressToday(
    _ planner: Planner, today: LocalDate, now: Date, recentDays: Int = 28, exercises: Set<String>? = nil
  ) throws -> [HabitProgress] {
    let first = today.adding(days: -recentDays)
    let recent = try history(planner, from: first, days: recentDays + 8)
    var progress = HabitProgress.all(recent, from: today, today: today, now: now, exercises: exercises)
    let start = HabitProgress.firstDay(of: recent) ?? today
    let reaching = progress.indices.filter { progress[$0].streak.current >= today.dayNumber - start.dayNumber }
    if !reaching.isEmpty, try hasSlotEvents(before: planner.dayStart(min(first.adding(days: -1), first.monday))) {
      for index in reaching { progress[index].streakGoesFurther = true }
    }
    return progress
  }

  private func history(_ planner: Planner, slotsFrom start: Date?, to end: Date) throws -> History {
    History(planner: planner, events: try events(forSlotsFrom: start, to: end), pauseEvents: try pauseEvents())
  }
}

extension HistoryStore: HistoryReading {}
extension HistoryTransaction: HistoryReading {}
