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
    // A sorted array, not a `Set<Int64>` or `sorted()`: their first use in a process costs a
    // conformance scan, longer than this whole function on a command's events (bench/findings.md).
    var undone: [Int64] = []
    for event in events where event.kind == .undone {
      if let target = event.undoes { undone.insertSorted(target) }
    }
    if undone.isEmpty && !events.contains(where: { $0.kind == .undone }) { return events }
    return events.filter { $0.kind != .undone && !undone.containsSorted($0.id) }
  }
}

extension Array where Element: Comparable {
  /// Whether this array, sorted in ascending order, holds `value` (a binary search).
  func containsSorted(_ value: Element) -> Bool {
    let index = sortedPosition(of: value)
    return index < endIndex && self[index] == value
  }

  /// Inserts `value` where it keeps this sorted array sorted, unless it is there already. By
  /// appending and moving it down: `insert(_:at:)` makes a `Range<Int>`, whose first use costs a
  /// conformance scan.
  mutating func insertSorted(_ value: Element) {
    var index = sortedPosition(of: value)
    guard index == endIndex || self[index] != value else { return }
    append(value)
    index = endIndex - 1
    while index > 0 && self[index - 1] > value {
      swapAt(index - 1, index)
      index -= 1
    }
  }

  /// The first index whose element is not less than `value`.
  private func sortedPosition(of value: Element) -> Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = (low + high) / 2
      if self[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
