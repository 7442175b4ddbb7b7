import Foundation
import TiptoeCore

/// Times given to history commands: `--at` and `--since`.
enum HistoryTime {
  /// `HH:MM[:SS]` today, `YYYY-MM-DDTHH:MM[:SS]` in the routine's zone, or ISO 8601 with an offset or `Z`;
  /// never later than now.
  static func parse(_ text: String, option: String, context: Context) throws -> Date {
    let example = "examples: \(option) 14:40, \(option) 2026-11-23T14:40:00+01:00"
    let resolver = ZoneResolver(timeZone: context.timeZone)
    var instant: Date?
    if let time = LocalTime(parsing: text) {
      instant = resolver.resolve(context.today, time).start
    } else if text.count >= 16, text.count <= 19, let date = LocalDate(iso: text.prefix(10)),
      text[text.index(text.startIndex, offsetBy: 10)] == "T", let time = LocalTime(parsing: text.dropFirst(11))
    {
      instant = resolver.resolve(date, time).start
    } else {
      instant = ISO8601.instant(text)
    }
    guard let instant else { throw CLIError.usage("\(option): '\(text)' is not a time (\(example))") }
    try checkYear(instant, text, option: option, example: example, context: context)
    guard instant <= context.now else {
      let now = ISO8601.format(context.now, utcOffset: context.timeZone.secondsFromGMT(for: context.now))
      throw CLIError.usage("\(option): \(text) is later than now (\(now)); say when you did it (\(example))")
    }
    return instant
  }

  /// `YYYY-MM-DD`: the start of that local day.
  static func day(_ text: String, option: String, context: Context) throws -> Date {
    guard let date = LocalDate(iso: text) else {
      throw CLIError.usage("\(option): '\(text)' is not a date (example: \(option) \(context.today.adding(days: -7)))")
    }
    let start = ZoneResolver(timeZone: context.timeZone).resolve(date, LocalTime(secondsOfDay: 0)).start
    try checkYear(
      start, text, option: option, example: "example: \(option) \(context.today.adding(days: -7))", context: context)
    return start
  }

  /// One range of years for every date and time a user gives (`LocalDate.supportedYears`).
  static func checkYear(_ instant: Date, _ text: String, option: String, example: String, context: Context) throws {
    let year = HistoryText.localDate(instant, context.timeZone).fields.year
    let years = LocalDate.supportedYears
    guard years.contains(year) else {
      throw CLIError.usage(
        "\(option): \(text) is outside the years \(years.lowerBound) to \(years.upperBound) (\(example))")
    }
  }
}
