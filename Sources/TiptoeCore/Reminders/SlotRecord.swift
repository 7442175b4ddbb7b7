import Foundation

/// What the history says about one slot, as far as reminders care.
///
/// Built from the slot's events: undone events are dropped, the newest deciding event
/// (done, skipped, snoozed, missed) is the decision, and the reminders shown since then count.
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

  /// Each slot's record, by slot id, from a history in any order. An undone decision leaves the slot as
  /// it was before: the reminders shown before it count again.
  public static func build(from events: some Sequence<HistoryEvent>) -> [String: SlotRecord] {
    var records: [String: SlotRecord] = [:]
    for event in HistoryEvent.standing(events.sorted { $0.id < $1.id }) {
      guard let slot = event.slot else { continue }
      var record = records[slot] ?? SlotRecord()
      switch event.kind {
      case .fired:
        record.firedEver += 1
        record.firedSinceDecision.append(event.at)
      case .done, .skipped, .missed, .snoozed:
        record.decision = event.kind
        record.decidedAt = event.at
        record.snoozedUntil = event.kind == .snoozed ? event.until : nil
        if event.kind == .snoozed { record.snoozes += 1 }
        record.firedSinceDecision = []
      case .undone, .paused, .resumed:
        break
      }
      records[slot] = record
    }
    return records
  }
}
