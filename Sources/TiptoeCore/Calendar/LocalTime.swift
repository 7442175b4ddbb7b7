/// A wall-clock time of day, `HH:MM` or `HH:MM:SS`, with no date or zone.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Seconds since midnight, 0..<86400.
  public let secondsOfDay: Int

  public init(secondsOfDay: Int) { self.secondsOfDay = secondsOfDay }

  public init?(hour: Int, minute: Int, second: Int = 0) {
    guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
      return nil
    }
    secondsOfDay = hour * 3600 + minute * 60 + second
  }

  /// Parses `HH:MM` or `HH:MM:SS` (24-hour clock, two digits each).
  public init?(parsing text: some StringProtocol) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3,
      parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    let numbers = parts.map { Int($0)! }
    self.init(hour: numbers[0], minute: numbers[1], second: numbers.count == 3 ? numbers[2] : 0)
  }

  public var hour: Int { secondsOfDay / 3600 }
  public var minute: Int { secondsOfDay / 60 % 60 }
  public var second: Int { secondsOfDay % 60 }

  /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
  public var description: String {
    let hm = Self.twoDigits(hour) + ":" + Self.twoDigits(minute)
    return second == 0 ? hm : hm + ":" + Self.twoDigits(second)
  }

  public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.secondsOfDay < rhs.secondsOfDay }

  static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
