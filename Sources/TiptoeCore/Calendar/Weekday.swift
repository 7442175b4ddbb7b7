/// A day of the week, Monday first (ISO 8601 order).
public enum Weekday: String, CaseIterable, Hashable, Sendable, Comparable {
  case monday = "mon", tuesday = "tue", wednesday = "wed", thursday = "thu"
  case friday = "fri", saturday = "sat", sunday = "sun"

  /// 0 for Monday … 6 for Sunday.
  public var index: Int {
    switch self {
    case .monday: 0
    case .tuesday: 1
    case .wednesday: 2
    case .thursday: 3
    case .friday: 4
    case .saturday: 5
    case .sunday: 6
    }
  }

  /// Days in words, a run of three or more as a range: `mon–fri`, `sat–sun`, `mon, wed`.
  public static func names(_ days: [Weekday]) -> String {
    let run = days.count > 2 && days.last!.index - days.first!.index == days.count - 1
    return run ? "\(days.first!.rawValue)–\(days.last!.rawValue)" : days.map(\.rawValue).joined(separator: ", ")
  }

  /// The two-letter iCalendar name: `MO`, `TU`, …
  public var icalendarName: String { String(rawValue.prefix(2)).uppercased() }

  /// Accepts `mon`, `monday`, `Mon` …
  public init?(parsing text: String) {
    let lower = text.lowercased()
    guard lower.count >= 3,
      let day = Weekday.allCases.first(where: { lower == $0.rawValue || lower == $0.fullName })
    else { return nil }
    self = day
  }

  /// `monday`, `tuesday`, …
  public var fullName: String {
    switch self {
    case .monday: "monday"
    case .tuesday: "tuesday"
    case .wednesday: "wednesday"
    case .thursday: "thursday"
    case .friday: "friday"
    case .saturday: "saturday"
    case .sunday: "sunday"
    }
  }

  public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}
