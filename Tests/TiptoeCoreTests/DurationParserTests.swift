import Testing

@testable import TiptoeCore

struct DurationParserTests {
  @Test(arguments: [
    ("10m", 600), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("45s", 45), ("90m", 5400),
    ("2h5m10s", 7510), ("1H30M", 5400), ("1h0m", 3600), ("0h10m", 600),
  ])
  func accepted(text: String, seconds: Int) throws {
    #expect(try DurationParser.seconds(text) == seconds)
  }

  @Test(arguments: [
    "15x", "-5m", "", "m", "10", "1m1h", "1h1h", "1.5h", " 10m", "10 m", "1h30", "h30m", "１０m", "367d",
  ])
  func rejected(text: String) {
    #expect(throws: CoreError.badDuration(text)) { try DurationParser.seconds(text) }
  }

  /// Written as a duration, but none tiptoe takes: the message says the range instead.
  @Test(arguments: ["0m", "0h0s", "99999999999999999999m", "9000h", "8785h"])
  func outOfRange(text: String) {
    #expect(throws: CoreError.durationOutOfRange(text)) { try DurationParser.seconds(text) }
  }

  @Test func theErrorNamesTheTextAndShowsExamples() {
    let message = CoreError.badDuration("15x").errorDescription ?? ""
    #expect(message.contains("'15x'"))
    #expect(message.contains("1h30m"))
  }
}
