import Foundation
import TiptoeCore

/// Reading the history as the one model (`History`): the slots around an instant, or a stretch of days.
public protocol HistoryReading {
  /// The events of slots starting in `start..<end` (undo events included), in append order.
  func events(forSlotsFrom start: Date, to end: Date) throws -> [HistoryEvent]
  /// Pauses, resumes and the undo events taking them back, in append order.
  func pauseEvents() throws -> [HistoryEvent]
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
    let first = LocalDate(year: LocalDate.supportedYears.lowerBound, month: 1, day: 2)!
    return try history(planner, from: first, days: through.monday.dayNumber + 7 - first.dayNumber)
  }

  /// Each exercise's progress today (streaks, this week; `days` holds today alone), from the last
  /// `recentDays` of history, or from all of it when a streak reaches that far back.
  public func progressToday(_ planner: Planner, today: LocalDate, now: Date, recentDays: Int = 42) throws
    -> [HabitProgress]
  {
    let recent = try history(planner, from: today.adding(days: -recentDays), days: recentDays + 8)
    let progress = HabitProgress.all(recent, from: today, today: today, now: now)
    let start = HabitProgress.firstDay(of: recent) ?? today
    guard progress.contains(where: { $0.streak.current >= today.dayNumber - start.dayNumber }) else { return progress }
    return HabitProgress.all(try history(planner, through: today), from: today, today: today, now: now)
  }

  private func history(_ planner: Planner, slotsFrom start: Date, to end: Date) throws -> History {
    History(planner: planner, events: try events(forSlotsFrom: start, to: end), pauseEvents: try pauseEvents())
  }
}

extension HistoryStore: HistoryReading {}
extension HistoryTransaction: HistoryReading {}
