/// One exercise of a routine: what to do and when.
public struct Exercise: Hashable, Sendable, Identifiable {
  /// When an exercise is planned: by a frequency phrase (with `at` times replacing the phrase's
  /// times of day, when given) or at explicit times every day.
  public enum Timing: Hashable, Sendable {
    case every(Frequency, phrase: String, at: [LocalTime]? = nil)
    case at([LocalTime])
  }

  /// Lowercase letters, digits and `-`; unique within a routine.
  public let id: String
  public let title: String
  public let timing: Timing
  /// Days of the week it may be planned on; nil means any day.
  public let days: [Weekday]?
  /// The days of the week it may be planned on: `days`, else the ones its phrase names; nil means any.
  public var weekdays: [Weekday]? {
    if let days { return days }
    if case .every(let frequency, _, _) = timing { return frequency.weekdays }
    return nil
  }
  /// How long it takes, in minutes: the calendar event's length.
  public let minutes: Int
  public let steps: [String]
  public let reps: Int?
  /// How long to hold, as written: "3s".
  public let hold: String?
  public let sets: Int?
  /// Rest between repetitions (and sets), as written: "15s".
  public let rest: String?
  /// 2 when the whole dose is done once per side ("switch legs", "each foot"); nil means once.
  public let sides: Int?
  /// Free text shown with the exercise: variants, where it comes from.
  public let note: String?

  public init(
    id: String, title: String, timing: Timing, days: [Weekday]? = nil, minutes: Int = 2,
    steps: [String] = [], reps: Int? = nil, hold: String? = nil, sets: Int? = nil,
    rest: String? = nil, sides: Int? = nil, note: String? = nil
  ) {
    self.id = id
    self.title = title
    self.timing = timing
    self.days = days
    self.minutes = minutes
    self.steps = steps
    self.reps = reps
    self.hold = hold
    self.sets = sets
    self.rest = rest
    self.sides = sides
    self.note = note
  }

  /// "3× a day", "at 08:30, 13:00", "2–3× a week (mon, wed, fri)".
  public var scheduleDescription: String {
    var text: String
    switch timing {
    case .every(let frequency, _, let at?) where frequency.period == .day && frequency.times == 1:
      // "daily" (or "once a day") with `at` picks the days only; `at` has the times (see the loader).
      let days = frequency.weekdays.map { "on " + $0.map(\.rawValue).joined(separator: ", ") } ?? "daily"
      text = days + " at " + at.map(\.description).joined(separator: ", ")
    case .every(let frequency, _, let at):
      text = frequency.description
      if let at { text += " at " + at.map(\.description).joined(separator: ", ") }
    case .at(let times): text = "at " + times.map(\.description).joined(separator: ", ")
    }
    if let days { text += " (" + days.map(\.rawValue).joined(separator: ", ") + ")" }
    return text
  }

  /// The numbers of a guided session in one line: "10 reps · hold 3s · 1 set · rest 15s · each side".
  public var doseDescription: String {
    var parts: [String] = []
    if let reps { parts.append(reps == 1 ? "1 rep" : "\(reps) reps") }
    if let hold { parts.append("hold \(hold)") }
    if let sets { parts.append(sets == 1 ? "1 set" : "\(sets) sets") }
    if let rest { parts.append("rest \(rest)") }
    if let sides, sides > 1 { parts.append(sides == 2 ? "each side" : "\(sides) sides") }
    return parts.joined(separator: " · ")
  }
}
