import Foundation

extension SlotStatus {
  /// Derives a slot's status from its events; pure, the clock is `now`.
  ///
  /// - `events`: the slot's events in append order (others are ignored), undo events included:
  ///   an event taken back by an `undone` one counts as never written.
  /// - `dueEnd`: when the slot stops being due: the start of the exercise's next slot that day,
  ///   else the end of the local day (`Planner.dueEnd(of:)`).
  ///
  /// The newest `done`, `skipped` or `missed` settles the slot whenever it was written, so
  /// marking an exercise done before its slot settles that upcoming slot. Otherwise the slot is
  /// pending before `start`, missed from `dueEnd` on, snoozed while `now` is before the newest
  /// snooze's `until`, and due in between.
  public init(start: Date, dueEnd: Date, events: [HistoryEvent], now: Date) {
    var decisive: HistoryEvent?
    for event in HistoryEvent.standing(events) where event.kind.decidesStatus {
      if decisive == nil || event.id > decisive!.id { decisive = event }
    }
    switch decisive?.kind {
    case .done: self = .done
    case .skipped: self = .skipped
    case .missed: self = .missed
    default:
      if now >= dueEnd {
        self = .missed
      } else if let until = decisive?.until, now < until {
        self = .snoozed
      } else {
        self = now < start ? .pending : .due
      }
    }
  }
}

extension HistoryEvent {
  /// The events not taken back: `undone` events and the events they undo are left out.
  public static func standing(_ events: [HistoryEvent]) -> [HistoryEvent] {
    guard events.contains(where: { $0.kind == .undone }) else { return events }
    // A sorted array, not a `Set<Int64>` or `sorted()`: their first use in a process costs a
    // conformance scan, longer than this whole function on a command's events (bench/findings.md).
    var undone: [Int64] = []
    for event in events where event.kind == .undone {
      if let target = event.undoes { undone.insertSorted(target) }
    }
    return events.filter { $0.kind != .undone && !undone.containsSorted($0.id) }
  }
}
