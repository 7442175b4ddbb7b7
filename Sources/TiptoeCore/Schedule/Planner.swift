import Foundation

/// The scheduling engine: expands a routine into slots, day by day, lazily.
///
/// Deterministic and clock-free: the zone and the dates are inputs. Several routines planned together
/// may each have a zone of their own (`partZones`): a slot's date and time are its routine's, its
/// start the instant that is, and its offset that of `timeZone`, the zone the plan is read in.
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
  /// Whether some slots may happen on another day than their date in `timeZone`: a window crosses
  /// midnight, or a routine is in another zone.
  public let hasNights: Bool
  /// Per part of the routine (one for a single routine), the resolver of its zone.
  private let partResolvers: [ZoneResolver]
  /// Per exercise, the index of its part's resolver.
  private let resolverOfExercise: [Int]
  /// Whether a part is planned in another zone than `timeZone`.
  public let zonesDiffer: Bool
  /// Whether one day's slots may start after the next day's first (routines in different zones, or
  /// one's night and another's morning), so that `slots(from:days:)` merges them by start.
  let merges: Bool

  private struct Entry: Sendable {
    let time: SlotTime
    let exercise: Int
    let ordinal: Int
  }

  /// Plans every routine in `timeZone`.
  public init(routine: Routine, timeZone: TimeZone) {
    self.init(routine: routine, timeZone: timeZone, partZones: nil)
  }

  /// `partZones`: the zone of each of `routine.parts` (several routines planned together), else all
  /// are planned in `timeZone`.
  public init(routine: Routine, timeZone: TimeZone, partZones: [TimeZone]?) {
    self.routine = routine
    self.resolver = ZoneResolver(timeZone: timeZone)
    let zones = partZones.flatMap { $0.count == routine.parts.count && !$0.isEmpty ? $0 : nil } ?? [timeZone]
    partResolvers = zones.map { ZoneResolver(timeZone: $0) }
    zonesDiffer = zones.contains { $0.identifier != timeZone.identifier }
    resolverOfExercise = routine.exercises.indices.map { zones.count > 1 ? routine.partIndex(ofExercise: $0) : 0 }
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
    hasNights = routine.hasNights || zonesDiffer
    merges = zonesDiffer || (routine.parts.count > 1 && routine.hasNights)
  }

  public var timeZone: TimeZone { resolver.timeZone }

  /// The resolver of the zone an exercise's routine is planned in.
  public func resolver(ofExercise index: Int) -> ZoneResolver {
    partResolvers[index < resolverOfExercise.count ? resolverOfExercise[index] : 0]
  }

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
    if zonesDiffer { return slots(of: entries, on: date) }
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
    if uniform == nil { slots.sort { ($0.start, $0.exerciseIndex) < ($1.start, $1.exerciseIndex) } }
    return slots
  }

  /// Slots of routines in different zones: each placed in its own zone, read in `timeZone`.
  private func slots(of entries: [Entry], on date: LocalDate) -> [Slot] {
    entries.map { entry in
      let (start, _) = resolver(ofExercise: entry.exercise).resolve(
        localSeconds: date.dayNumber * 86400 + entry.time.seconds)
      return Slot(
        exercise: exerciseIDs[entry.exercise], exerciseIndex: entry.exercise, date: date, ordinal: entry.ordinal,
        time: entry.time.time, nextDay: entry.time.nextDay, start: start, utcOffset: timeZone.secondsFromGMT(for: start)
      )
    }.sorted { ($0.start, $0.exerciseIndex) < ($1.start, $1.exerciseIndex) }
  }

  /// The slots that happen on `date` or belong to it: the day before's slots on the next morning (a
  /// window that crosses midnight, or a routine in a zone behind) and those still due after midnight
  /// (the evening dose of a night window, due until the next one), then `date`'s, then the next day's
  /// that start on `date` (a routine in a zone ahead).
  public func slots(around date: LocalDate) -> [Slot] {
    guard hasNights else { return slots(on: date) }
    let (midnight, next) = (dayStart(date), dayStart(date.adding(days: 1)))
    let ahead = zonesDiffer ? slots(on: date.adding(days: 1)).filter { $0.start < next } : []
    let before = slots(on: date.adding(days: -1)).filter {
      $0.nextDay || $0.start >= midnight || dueEnd(of: $0) > midnight
    }
    return before + slots(on: date) + ahead
  }

  /// The earliest instant a slot of `date` or later can start: its first midnight in any routine's zone.
  func earliestStart(of date: LocalDate) -> Date {
    partResolvers.map { $0.resolve(date, LocalTime(secondsOfDay: 0)).start }.min()!
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
      /// Routines in different zones: slots of days done that may start after the next day's first.
      var carried: [Slot] = []

      public mutating func next() -> Slot? {
        while position == buffer.count {
          if let end, day >= end {
            guard !carried.isEmpty else { return nil }
            (buffer, carried, position) = (carried, [], 0)
            break
          }
          // A routine with no slots at all would otherwise loop forever.
          if end == nil && emptyDays > 14 { return nil }
          buffer = planner.slots(on: day)
          emptyDays = buffer.isEmpty ? emptyDays + 1 : 0
          position = 0
          day = day.adding(days: 1)
          if planner.merges {
            // Only what starts before any slot of the days to come leaves now, in order.
            let horizon = planner.earliestStart(of: day)
            let all = (carried + buffer).sorted { ($0.start, $0.exerciseIndex) < ($1.start, $1.exerciseIndex) }
            let cut = all.firstIndex { $0.start >= horizon } ?? all.count
            (buffer, carried) = (Array(all[..<cut]), Array(all[cut...]))
          }
        }
        defer { position += 1 }
        return buffer[position]
      }
    }
  }
}
