import ArgumentParser
import TiptoeCore

/// `--json`, shared by the commands that print data.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON instead of text for people.")
  var json = false
}

extension LocalDate {
  /// A `YYYY-MM-DD` option value, or an error that says what is wrong with it (the years stop at
  /// 9000, so that a range of days from there still has four-digit years in every format).
  static func argument(_ text: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
      throw ValidationError("not a date; use YYYY-MM-DD with a real month and day (example: 2026-11-23)")
    }
    guard supportedYears.contains(date.fields.year) else {
      throw ValidationError(
        "use a year from \(supportedYears.lowerBound) to \(supportedYears.upperBound) (example: 2026-11-23)")
    }
    return date
  }
}
