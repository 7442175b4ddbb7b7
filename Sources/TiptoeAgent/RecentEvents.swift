import Foundation
import TiptoeCore
import TiptoeStore

/// The history's recent events, kept in memory by the agent and brought up to date by reading only
/// the rows appended since the last look (events are never changed or deleted, so ids only grow).
///
/// A decision and a reminder's progress then decode a few new rows instead of weeks of them at every
/// wake-up. What it does not hold (slots older than it keeps, whether any exist) is read from the file.
///
///     let history = try store.write { transaction in
///       try recent.reading(transaction, keep: start).history(around: now, rules: rules)
///     }
final class RecentEvents {
  /// Every slot event is held whose slot starts at or after this; nil before the first read.
  private(set) var start: Date?
  /// Those events, in append order.
  private var events: [HistoryEvent] = []
  /// Every pause, resume and undo of them, in append order.
  private var pauseEvents: [HistoryEvent] = []
  /// The newest event read.
  private var lastID: Int64 = 0

  /// Brings the events up to date in `transaction`, keeping (at least) the slots from `keep` on, and
  /// returns a reading of the history that answers from memory where it can.
  func reading(_ transaction: HistoryTransaction, keep: Date) throws -> Reading {
    let keep = Self.stored(keep)
    let newest = try transaction.lastEventID()
    if let start, start <= keep, newest >= lastID {
      if newest > lastID {
        for event in try transaction.events(after: lastID) {
          guard let slotStart = event.slotStart else {
            pauseEvents.append(event)
            continue
          }
          if slotStart >= start { events.append(event) }
        }
      }
      // Older slots are let go a day at a time.
      if keep.timeIntervalSince(start) >= 86400 {
        events.removeAll { $0.slotStart! < keep }
        self.start = keep
      }
    } else {
      // The first read, a start further back (the clock set back, another zone), or another file.
      events = try transaction.events(forSlotsFrom: keep, to: .distantFuture)
      pauseEvents = try transaction.pauseEvents()
      start = keep
    }
    lastID = newest
    return Reading(start: start!, events: events, pauses: pauseEvents, transaction: transaction)
  }

  /// `instant` as the history stores it (whole seconds), so that comparing with it selects what the
  /// file's text comparison selects.
  static func stored(_ instant: Date) -> Date {
    instant == .distantFuture ? instant : Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
  }

  /// The history as of one transaction: slots from `start` on from memory, anything older from the file.
  struct Reading: HistoryReading {
    let start: Date
    let events: [HistoryEvent]
    let pauses: [HistoryEvent]
    let transaction: HistoryTransaction

    func events(forSlotsFrom from: Date?, to end: Date) throws -> [HistoryEvent] {
      guard let from, RecentEvents.stored(from) >= start else {
        return try transaction.events(forSlotsFrom: from, to: end)
      }
      let (lower, upper) = (RecentEvents.stored(from), RecentEvents.stored(end))
      return events.filter { $0.slotStart! >= lower && $0.slotStart! < upper }
    }

    func pauseEvents() throws -> [HistoryEvent] { pauses }

    func hasSlotEvents(before start: Date) throws -> Bool { try transaction.hasSlotEvents(before: start) }
  }
}
