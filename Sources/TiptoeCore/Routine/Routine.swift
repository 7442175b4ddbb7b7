import Foundation

/// A named list of exercises and the daily windows they are planned in.
public struct Routine: Hashable, Sendable {
  public let name: String
  /// The window of `[day]`: every day's, unless a weekday group has its own.
  public let day: DayWindow
  /// Per weekday (0 = Monday), the window its slots are placed in (`[day.weekday]`, `[day.weekend]`).
  public let windows: [DayWindow]
  /// The IANA zone the routine is planned in; nil means the system's zone.
  public let timeZoneIdentifier: String?
  public let exercises: [Exercise]
  /// The routines planned together in this one (several files at once), in order; empty for one.
  public let parts: [Routine]
  /// Per exercise, the index of its part in `parts`.
  private let partOfExercise: [Int]

  /// `groups` gives some weekdays their own window (`[.saturday: …, .sunday: …]`); the others use `day`.
  public init(
    name: String, day: DayWindow = DayWindow(), groups: [Weekday: DayWindow] = [:], timeZoneIdentifier: String? = nil,
    exercises: [Exercise]
  ) {
    self.name = name
    self.day = day
    self.windows = Weekday.allCases.map { groups[$0] ?? day }
    self.timeZoneIdentifier = timeZoneIdentifier
    self.exercises = exercises
    parts = []
    partOfExercise = []
  }

  /// Several routines planned together: each exercise keeps its own routine's windows and quiet
  /// spans. The first routine's zone is the plan's; ids must be unique across them (the loader checks).
  public init(combining routines: [Routine]) {
    let first = routines[0]
    name = routines.map(\.name).joined(separator: " + ")
    day = first.day
    windows = first.windows
    timeZoneIdentifier = first.timeZoneIdentifier
    exercises = routines.flatMap(\.exercises)
    parts = routines
    partOfExercise = routines.indices.flatMap { Array(repeating: $0, count: routines[$0].exercises.count) }
  }

  /// The index in `parts` of the routine an exercise comes from (0 for a single routine).
  public func partIndex(ofExercise index: Int) -> Int { index < partOfExercise.count ? partOfExercise[index] : 0 }

  /// The routine an exercise comes from: its part, or this one.
  public func part(ofExercise index: Int) -> Routine { parts.isEmpty ? self : parts[partIndex(ofExercise: index)] }

  /// Whether any window of any part crosses midnight.
  public var hasNights: Bool {
    windows.contains(where: \.crossesMidnight) || parts.contains(where: \.hasNights)
  }

  /// The exercise with this id.
  public func exercise(id: String) -> Exercise? { exercises.first { $0.id == id } }

  /// The window of the slots that belong to `date`.
  public func window(on date: LocalDate) -> DayWindow { windows[date.weekdayIndex] }

  /// Each distinct list of quiet spans with the weekdays that have it, Monday's first.
  public var quietGroups: [(spans: [QuietSpan], days: [Weekday])] {
    Dictionary(grouping: Weekday.allCases) { windows[$0.index].quiet }.map { (spans: $0.key, days: $0.value) }
      .sorted { $0.days[0] < $1.days[0] }
  }

  /// Each distinct window with the weekdays that use it, Monday's first.
  public var windowGroups: [(window: DayWindow, days: [Weekday])] {
    var groups: [(window: DayWindow, days: [Weekday])] = []
    for day in Weekday.allCases {
      if let index = groups.firstIndex(where: { $0.window == windows[day.index] }) {
        groups[index].days.append(day)
      } else {
        groups.append((windows[day.index], [day]))
      }
    }
    return groups
  }
}

/// The waking window slots are placed in, and the quiet spans inside it.
///
/// A window whose end is not after its start crosses midnight (`22:00`–`06:00`, a night shift): its
/// slots after midnight belong to the day the window starts.
public struct DayWindow: Hashable, Sendable {
  public let start: LocalTime
  public let end: LocalTime
  /// Spans in which reminders wait until the span ends.
  public let quiet: [QuietSpan]

  public init(
    start: LocalTime = LocalTime(hour: 8, minute: 0)!, end: LocalTime = LocalTime(hour: 21, minute: 0)!,
    quiet: [QuietSpan] = []
  ) {
    self.start = start
    self.end = end
    self.quiet = quiet
  }

  /// Whether the window runs past midnight into the next day.
  public var crossesMidnight: Bool { end <= start }

  /// Whether a time of day falls inside the window (both ends included).
  public func contains(_ time: LocalTime) -> Bool {
    crossesMidnight ? (time >= start || time <= end) : (start <= time && time <= end)
  }

  /// Where `time` falls on a day of this window: on the next morning when the window crosses midnight
  /// and `time` is in its part after midnight (up to its end).
  public func slotTime(_ time: LocalTime) -> SlotTime {
    SlotTime(time: time, nextDay: crossesMidnight && time <= end)
  }
}

/// A planned time of day, on the slot's own date or the next morning (in a window that crosses
/// midnight), ordered by when it happens.
public struct SlotTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let time: LocalTime
  /// Whether it happens on the day after the date it belongs to.
  public let nextDay: Bool

  public init(time: LocalTime, nextDay: Bool = false) {
    self.time = time
    self.nextDay = nextDay
  }

  /// Seconds from the start (midnight) of the date it belongs to: up to 48 hours.
  public var seconds: Int { time.secondsOfDay + (nextDay ? 86400 : 0) }

  /// `08:30`, or `01:30 (next morning)`.
  public var description: String { nextDay ? "\(time) (next morning)" : time.description }

  public static func < (lhs: SlotTime, rhs: SlotTime) -> Bool { lhs.seconds < rhs.seconds }
}

/// A span of the day, `"12:30-13:30"`, in which reminders are held back.
public struct QuietSpan: Hashable, Sendable, CustomStringConvertible {
  public let start: LocalTime
  public let end: LocalTime

  public init(start: LocalTime, end: LocalTime) {
    self.start = start
    self.end = end
  }

  /// Parses `HH:MM-HH:MM`; a span may cross midnight (`22:00-07:00`).
  public init?(parsing text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2,
      let start = LocalTime(parsing: parts[0].trimmingCharacters(in: .whitespaces)),
      let end = LocalTime(parsing: parts[1].trimmingCharacters(in: .whitespaces)), start != end
    else { return nil }
    self.init(start: start, end: end)
  }

  /// Whether a time of day falls inside the span (start included, end excluded).
  public func contains(_ time: LocalTime) -> Bool {
    start < end ? (start <= time && time < end) : (time >= start || time < end)
  }

  public var description: String { "\(start)-\(end)" }
}
