/// Parses the durations of `snooze` and `pause`: `45s`, `10m`, `90m`, `1h`, `1h30m`, `2h5m10s`.
///
/// Units `h`, `m` and `s` (case-insensitive), each at most once, largest first, each with a
/// whole number; the total must be more than zero and at most 366 days.
///
///     try DurationParser.seconds("1h30m")  // 5400
public enum DurationParser {
  /// The longest duration accepted, in seconds (366 days).
  public static let maximum = 366 * 86400

  /// The duration in seconds; throws `CoreError.badDuration` naming the text, or
  /// `CoreError.durationOutOfRange` for one that reads as a duration but is zero or over `maximum`.
  public static func seconds(_ text: String) throws -> Int {
    let units: [(Character, Int)] = [("h", 3600), ("m", 60), ("s", 1)]
    var total = 0
    var number: Int?
    var nextUnit = 0
    for character in text.lowercased() {
      if let digit = character.wholeNumberValue, character.isASCII {
        let (times10, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
        let (value, overflow2) = times10.addingReportingOverflow(digit)
        guard !overflow1, !overflow2, value <= maximum else { throw CoreError.durationOutOfRange(text) }
        number = value
      } else if let index = units[nextUnit...].firstIndex(where: { $0.0 == character }), let value = number {
        total += value * units[index].1
        guard total <= maximum else { throw CoreError.durationOutOfRange(text) }
        number = nil
        nextUnit = index + 1
      } else {
        throw CoreError.badDuration(text)
      }
    }
    guard number == nil, nextUnit > 0 else { throw CoreError.badDuration(text) }
    guard total > 0 else { throw CoreError.durationOutOfRange(text) }
    return total
  }
}
