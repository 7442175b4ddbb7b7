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
  /// when the routine's times moved), and the pause.
  public func history(_ planner: Planner, from: LocalDate, days: Int) throws -> History {
    try history(
      planner, slotsFrom: planner.dayStart(from.adding(days: -1)), to: planner.dayStart(from.adding(days: days + 1)))
  }

  private func history(_ planner: Planner, slotsFrom start: Date, to end: Date) throws -> History {
    History(planner: planner, events: try events(forSlotsFrom: start, to: end), pauseEvents: try pauseEvents())
  }
}

extension HistoryStore: HistoryReading {}
extension HistoryTransaction: HistoryReading {}
