import Foundation

/// A named list of exercises and the daily window they are planned in.
public struct Routine: Hashable, Sendable {
  public let name: String
  public let day: DayWindow
  /// The IANA zone the routine is planned in; nil means the system's zone.
  public let timeZoneIdentifier: String?
  public let exercises: [Exercise]

  public init(name: String, day: DayWindow = DayWindow(), timeZoneIdentifier: String? = nil, exercises: [Exercise]) {
    self.name = name
    self.day = day
    self.timeZoneIdentifier = timeZoneIdentifier
    self.exercises = exercises
  }

  /// The exercise with this id.
  public func exercise(id: String) -> Exercise? { exercises.first { $0.id == id } }
}

/// The waking window slots are placed in, and the quiet spans inside it.
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
