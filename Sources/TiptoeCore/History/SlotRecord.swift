import Foundation

/// What the history says about one slot: the one reading of its events that every command,
/// `status` and the agent share.
///
/// Built by folding the slot's events in append order: undone events are dropped, the newest
/// deciding event (done, skipped, snoozed, missed) is the decision, and the reminders shown since
/// then count.
public struct SlotRecord: Hashable, Sendable {
  /// The newest deciding event that was not undone.
  public var decision: EventKind?
  /// When that decision was made.
  public var decidedAt: Date?
  /// For a snooze: when it ends.
  public var snoozedUntil: Date?
  /// How many snoozes (not undone) the slot has had.
  public var snoozes: Int
  /// Reminders shown since the decision (all of them when there is none), oldest first.
  public var firedSinceDecision: [Date]
  /// Every reminder shown for the slot, ever.
  public var firedEver: Int
  /// The slot's start as its newest event (not undone) recorded it.
  public var start: Date?

  public init(
    decision: EventKind? = nil, decidedAt: Date? = nil, snoozedUntil: Date? = nil, snoozes: Int = 0,
    firedSinceDecision: [Date] = [], firedEver: Int = 0
  ) {
    self.decision = decision
    self.decidedAt = decidedAt
    self.snoozedUntil = snoozedUntil
    self.snoozes = snoozes
    self.firedSinceDecision = firedSinceDecision
    self.firedEver = firedEver
  }

  /// Done, skipped or missed: nothing more to remind.
  public var isSettled: Bool { decision == .done || decision == .skipped || decision == .missed }

  /// Shown and not answered since.
  public var isWaiting: Bool { !isSettled && !firedSinceDecision.isEmpty }

  /// The slot's status at `now`, for a slot starting at `start` that stops being due at `dueEnd`
  /// (`Planner.dueEnd(of:)`).
  ///
  /// Done, skipped or missed settle it whenever they were written, so marking an exercise done
  /// before its slot settles that upcoming slot. Otherwise it is pending before `start`, missed
  /// from `dueEnd` on, snoozed while a snooze lasts, and due in between.
  public func status(start: Date, dueEnd: @autoclosure () -> Date, now: Date) -> SlotStatus {
    switch decision {
    case .done: return .done
    case .skipped: return .skipped
    case .missed: return .missed
    default:
      if now >= start && now >= dueEnd() { return .missed }
      if let snoozedUntil, now < snoozedUntil { return .snoozed }
      return now < start ? .pending : .due
    }
  }

  /// Each slot's record, by slot id, from events in any order (others than slot events are
  /// ignored). An undone decision leaves the slot as it was before: the reminders shown before it
  /// count again.
  public static func build(from events: [HistoryEvent]) -> [String: SlotRecord] {
    // The store reads events in append order; sorting them again would copy every one. One pass
    // finds out, and gathers the undone events.
    var inOrder = true
    var previous = Int64.min
    var undone: Set<Int64> = []
    for event in events {
      inOrder = inOrder && previous < event.id
      previous = event.id
      if event.kind == .undone, let id = event.undoes { undone.insert(id) }
    }
    let events = inOrder ? events : events.sorted { $0.id < $1.id }
    var records: [String: SlotRecord] = [:]
    records.reserveCapacity(events.count)
    for event in events where event.kind != .undone && !undone.contains(event.id) {
      guard let slot = event.slot else { continue }
      records[slot, default: SlotRecord()].apply(event)
    }
    return records
  }

  /// The record once `event`, one of its slot's events, has happened.
  mutating func apply(_ event: HistoryEvent) {
    start = event.slotStart ?? start
    switch event.kind {
    case .fired:
      firedEver += 1
      firedSinceDecision.append(event.at)
    case .done, .skipped, .missed, .snoozed:
      decision = event.kind
      decidedAt = event.at
      snoozedUntil = event.kind == .snoozed ? event.until : nil
      if event.kind == .snoozed { snoozes += 1 }
      firedSinceDecision = []
    case .undone, .paused, .resumed:
      break
    }
  }
}

extension HistoryEvent {
  /// The events not taken back: `undone` events and the events they undo are left out.
  public static func standing(_ events: [HistoryEvent]) -> [HistoryEvent] {
    let undone = undoneIDs(in: events)
    return events.filter { $0.kind != .undone && !undone.contains($0.id) }
  }

  /// The ids of the events that `undone` events among `events` take back.
  static func undoneIDs(in events: [HistoryEvent]) -> Set<Int64> {
    Set(events.lazy.filter { $0.kind == .undone }.compactMap(\.undoes))
  }
}
