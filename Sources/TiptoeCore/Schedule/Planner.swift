import Foundation

/// The scheduling engine: expands a routine into slots, day by day, lazily.
///
/// Deterministic and clock-free: the zone and the dates are inputs.
///
///     let planner = Planner(routine: routine, timeZone: TimeZone(identifier: "Europe/Berlin")!)
///     for slot in planner.slots(from: LocalDate(iso: "2026-11-23")!, days: 7) { print(slot.id) }
public struct Planner: Sendable {
  public let routine: Routine
  public let resolver: ZoneResolver
  /// Each exercise's pattern, in routine order.
  public let patterns: [DayPattern]
  private let exerciseIDs: [String]
  /// Per weekday (0 = Monday) and day parity: (seconds of day, exercise index, ordinal), sorted.
  private let templates: [[Entry]]
  /// The patterns whose days depend on more than the weekday and parity ("every 3 days", monthly).
  private let others: [Int]
  /// Whether a window crosses midnight, so that some slots fall on the next morning.
  public let hasNights: Bool

  private struct Entry: Sendable {
    let time: SlotTime
    let exercise: Int
    let ordinal: Int
  }

  public init(routine: Routine, timeZone: TimeZone) {
    self.routine = routine
    self.resolver = ZoneResolver(timeZone: timeZone)
    let patterns = routine.exercises.indices.map {
      DayPattern(exercise: routine.exercises[$0], windows: routine.part(ofExercise: $0).windows)
    }
    self.patterns = patterns
    exerciseIDs = routine.exercises.map(\.id)
    // 14 kinds of day: 7 weekdays × even/odd day number (for "every other day").
    // Day 4 (1970-01-05) was a Monday; day 4 + w + 7j is weekday w with parity (w + j) % 2.
    templates = (0..<14).map { kind in
      let weekday = kind % 7
      let parity = kind / 7
      let date = LocalDate(dayNumber: 4 + weekday + 7 * ((parity + weekday) % 2))
      var entries: [Entry] = []
      for (index, pattern) in patterns.enumerated() where pattern.isWeeklyOrParity && pattern.occurs(on: date) {
        for (position, time) in pattern.times(on: date).enumerated() {
          entries.append(Entry(time: time, exercise: index, ordinal: position + 1))
        }
      }
      return entries.sorted { ($0.time, $0.exercise) < ($1.time, $1.exercise) }
    }
    others = patterns.indices.filter { !patterns[$0].isWeeklyOrParity }
    hasNights = routine.hasNights
  }

  public var timeZone: TimeZone { resolver.timeZone }

  /// The slots of one local date, sorted by start.
  public func slots(on date: LocalDate) -> [Slot] {
    let parity = ((date.dayNumber % 2) + 2) % 2
    var entries = templates[date.weekdayIndex + 7 * parity]
    if !others.isEmpty {
      for index in others where patterns[index].occurs(on: date) {
        for (position, time) in patterns[index].times(on: date).enumerated() {
          entries.append(Entry(time: time, exercise: index, ordinal: position + 1))
        }
      }
      entries.sort { ($0.time, $0.exercise) < ($1.time, $1.exercise) }
    }
    var slots: [Slot] = []
    slots.reserveCapacity(entries.count)
    var uniform = resolver.uniformOffset(on: date)
    // A night's slots reach into the next day, whose offset must then be the same.
    if hasNights, uniform != resolver.uniformOffset(on: date.adding(days: 1)) { uniform = nil }
    for entry in entries {
      let local = date.dayNumber * 86400 + entry.time.seconds
      let (start, offset) =
        uniform.map { (Date(timeIntervalSince1970: Double(local - $0)), $0) } ?? resolver.resolve(localSeconds: local)
      slots.append(
        Slot(
          exercise: exerciseIDs[entry.exercise], exerciseIndex: entry.exercise, date: date, ordinal: entry.ordinal,
          time: entry.time.time, nextDay: entry.time.nextDay, start: start, utcOffset: offset))
    }
    if uniform == nil { slots.sort { ($0.start, $0.exercise) < ($1.start, $1.exercise) } }
    return slots
  }

  /// The slots that happen on `date` or belong to it: the day before's slots on the next morning (a
  /// window that crosses midnight), then `date`'s.
  public func slots(around date: LocalDate) -> [Slot] {
    return (hasNights ? slots(on: date.adding(days: -1)).filter(\.nextDay) : []) + slots(on: date)
  }

  /// The slots of `days` consecutive dates from `from`, sorted by start; unbounded when `days` is nil.
  public func slots(from: LocalDate, days: Int? = nil) -> Slots {
    Slots(planner: self, first: from, end: days.map { from.adding(days: $0) })
  }

  /// A lazy sequence of slots, produced one day at a time.
  public struct Slots: Sequence, Sendable {
    let planner: Planner
    let first: LocalDate
    let end: LocalDate?

    public func makeIterator() -> Iterator { Iterator(planner: planner, day: first, end: end) }

    public struct Iterator: IteratorProtocol {
      let planner: Planner
      var day: LocalDate
      let end: LocalDate?
      var buffer: [Slot] = []
      var position = 0
      var emptyDays = 0

      public mutating func next() -> Slot? {
        while position == buffer.count {
          if let end, day >= end { return nil }
          // A routine with no slots at all would otherwise loop forever.
          if end == nil && emptyDays > 14 { return nil }
          buffer = planner.slots(on: day)
          emptyDays = buffer.isEmpty ? emptyDays + 1 : 0
          position = 0
          day = day.adding(days: 1)
        }
        defer { position += 1 }
        return buffer[position]
      }
    }
  }
}
