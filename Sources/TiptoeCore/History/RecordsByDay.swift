import Foundation

/// A history's slot records by exercise and local date, each with its ordinal: the ids parsed once,
/// for what reads the history day by day (weekly goals, progress, statuses).
public struct RecordsByDay: Sendable {
  /// By exercise id, then `LocalDate.dayNumber`.
  private var records: [String: [Int: [(ordinal: Int, record: SlotRecord)]]] = [:]
  /// The dates that have records: the other dates need no look-up.
  public private(set) var dates: Set<LocalDate> = []

  /// `records` by slot id; records under ids that are not slot ids are left out.
  public init(_ records: [String: SlotRecord]) {
    for (id, record) in records {
      guard let (exercise, date, ordinal) = Slot.parts(ofID: id) else { continue }
      self.records[exercise, default: [:]][date.dayNumber, default: []].append((ordinal, record))
      dates.insert(date)
    }
  }

  /// Puts `record` (nil: none) under the slot id `id`, as `init` would have.
  mutating func update(_ id: String, to record: SlotRecord?) {
    guard let (exercise, date, ordinal) = Slot.parts(ofID: id) else { return }
    var day = records[exercise]?[date.dayNumber] ?? []
    day.removeAll { $0.ordinal == ordinal }
    if let record { day.append((ordinal, record)) }
    records[exercise, default: [:]][date.dayNumber] = day.isEmpty ? nil : day
    if records[exercise]?.isEmpty == true { records[exercise] = nil }
    if !day.isEmpty {
      dates.insert(date)
    } else if !records.values.contains(where: { $0[date.dayNumber] != nil }) {
      dates.remove(date)
    }
  }

  /// The records of `exercise` on the day `dayNumber` (`LocalDate.dayNumber`), in no order.
  public func records(_ exercise: String, _ dayNumber: Int) -> [(ordinal: Int, record: SlotRecord)] {
    records[exercise]?[dayNumber] ?? []
  }

  /// Every exercise and date with records, and the records.
  public var all: some Sequence<(exercise: String, date: LocalDate, records: [(ordinal: Int, record: SlotRecord)])> {
    records.lazy.flatMap { exercise, days in
      days.lazy.map { dayNumber, records in (exercise, LocalDate(dayNumber: dayNumber), records) }
    }
  }

  /// The oldest date with records.
  public var firstDay: LocalDate? { dates.min() }
}
