import Foundation
import TiptoeCore
import TiptoeStore

/// The history of the recent slots, kept in memory by the agent and brought up to date by folding in
/// only the rows appended since the last look (events are never changed or deleted, so ids only grow).
///
/// A decision and a reminder's progress then decode and fold a few new rows instead of weeks of them
/// at every wake-up. What it does not hold (slots older than it keeps, whether any exist) is read
/// from the file.
///
///     let history = try store.write { transaction in
///       try recent.reading(transaction, keep: start, planner: planner).history(around: now, rules: rules)
///     }
final class RecentEvents {
  /// The history of every slot starting at or after `start`, and every pause; nil before the first
  /// read and after `forget()`.
  private var kept: (start: Date, history: History)?
  /// Every slot starting at or after this is held; nil before the first read.
  var start: Date? { kept?.start }
  /// The newest event read.
  private var lastID: Int64 = 0

  /// Brings the history up to date in `transaction`, holding the slots from `keep` on, and returns a
  /// reading of the history that answers from memory where it can.
  func reading(_ transaction: HistoryTransaction, keep: Date, planner: Planner) throws -> Reading {
    let keep = Self.stored(keep)
    let newest = try transaction.lastEventID()
    if var (start, history) = kept, start <= keep, newest >= lastID {
      kept = nil
      if newest > lastID {
        history.append(try transaction.events(after: lastID).filter { $0.slotStart.map { $0 >= start } ?? true })
      }
      if start < keep {
        // A new day: the oldest slots are let go.
        history = History(
          planner: planner, events: history.events.filter { $0.slotStart.map { $0 >= keep } ?? false },
          pauseEvents: history.pauseEvents)
        start = keep
      }
      kept = (start, history)
    } else {
      // The first read, a start further back (the clock set back, another zone), or another file.
      kept = (
        keep,
        History(
          planner: planner, events: try transaction.events(forSlotsFrom: keep, to: .distantFuture),
          pauseEvents: try transaction.pauseEvents())
      )
    }
    lastID = newest
    return Reading(start: kept!.start, history: kept!.history, transaction: transaction)
  }

  /// Lets the history go, for a new planner (another routine or zone): the next read starts afresh.
  func forget() { kept = nil }

  /// `instant` as the history stores it (whole seconds), so that comparing with it selects what the
  /// file's text comparison selects.
  static func stored(_ instant: Date) -> Date {
    instant == .distantFuture ? instant : Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
  }

  /// The history as of one transaction: slots from `start` on from memory, anything older from the file.
  struct Reading: HistoryReading {
    let start: Date
    /// The history of the slots from `start` on.
    let history: History
    let transaction: HistoryTransaction

    /// What the reminder rules look at around `now`: as `history(around:rules:)` reads it, or the kept
    /// history itself when it holds the whole window (it holds more slots, which a decision never looks
    /// up), with the window.
    func deciding(around now: Date, rules: ReminderRules) throws -> (history: History, window: Range<Date>) {
      let window = rules.window(around: now)
      let (lower, upper) = (RecentEvents.stored(window.start), RecentEvents.stored(window.end))
      return (lower >= start ? history : try self.history(around: now, rules: rules), lower..<upper)
    }

    func events(forSlotsFrom from: Date?, to end: Date) throws -> [HistoryEvent] {
      guard let from, RecentEvents.stored(from) >= start else {
        return try transaction.events(forSlotsFrom: from, to: end)
      }
      let (lower, upper) = (RecentEvents.stored(from), RecentEvents.stored(end))
      return history.events.filter { $0.slotStart.map { $0 >= lower && $0 < upper } ?? false }
    }

    func pauseEvents() throws -> [HistoryEvent] { history.pauseEvents }

    func hasSlotEvents(before start: Date) throws -> Bool { try transaction.hasSlotEvents(before: start) }
  }
}
