import Testing

@testable import TiptoeCore

struct FrequencyParserTests {
  /// Every frequency sentence of the seeds, as worded there, and what it plans.
  static let seedSentences: [(String, Frequency)] = [
    ("3 times a day", Frequency(period: .day, times: 3)),  // 000 toe presses
    ("at least twice a day", Frequency(period: .day, times: 2)),  // 000 toe walking
    ("three times on a daily basis", Frequency(period: .day, times: 3)),  // 001 toe presses
    ("2 times every day", Frequency(period: .day, times: 2)),  // 001, 003 toe walking
    ("twice or three times a week", Frequency(period: .week, times: 3, goal: 2)),  // 001 whole routine
    ("3 times daily", Frequency(period: .day, times: 3)),  // 002 toe presses
    ("twice daily", Frequency(period: .day, times: 2)),  // 002 toe walking
    ("3 times on a daily basis", Frequency(period: .day, times: 3)),  // 003 toe presses
    ("twice per day", Frequency(period: .day, times: 2)),  // 004 ankle circles
  ]

  @Test(arguments: seedSentences)
  func parsesTheSeedsSentences(_ phrase: String, _ expected: Frequency) throws {
    #expect(try FrequencyParser.parse(phrase) == expected)
  }

  /// The contract's list, with word and digit numbers and odd capitalisation.
  static let contractPhrases: [(String, Frequency)] = [
    ("4 times a day", .init(period: .day, times: 4)),
    ("Four Times Daily", .init(period: .day, times: 4)),
    ("5 times per day", .init(period: .day, times: 5)),
    ("two times every day", .init(period: .day, times: 2)),
    ("6 times on a daily basis", .init(period: .day, times: 6)),
    ("once a day", .init(period: .day, times: 1)),
    ("twice a day", .init(period: .day, times: 2)),
    ("thrice a day", .init(period: .day, times: 3)),
    ("thrice daily", .init(period: .day, times: 3)),
    ("daily", .init(period: .day, times: 1)),
    ("every day", .init(period: .day, times: 1)),
    ("EVERY DAY.", .init(period: .day, times: 1)),
    ("3 times a week", .init(period: .week, times: 3)),
    ("two times per week", .init(period: .week, times: 2)),
    ("4 times weekly", .init(period: .week, times: 4)),
    ("a few times a week", .init(period: .week, times: 3)),
    ("2-3 times a week", .init(period: .week, times: 3, goal: 2)),
    ("2–3 times a week", .init(period: .week, times: 3, goal: 2)),
    ("two or three times a week", .init(period: .week, times: 3, goal: 2)),
    ("2 to 3 times a day", .init(period: .day, times: 3, goal: 2)),
    ("once a week", .init(period: .week, times: 1)),
    ("weekly", .init(period: .week, times: 1)),
    ("every other day", .init(period: .everyOtherDay, times: 1)),
    ("  at  least   twice  a  day ", .init(period: .day, times: 2)),
  ]

  @Test(arguments: contractPhrases)
  func parsesTheContractsPhrases(_ phrase: String, _ expected: Frequency) throws {
    #expect(try FrequencyParser.parse(phrase) == expected)
  }

  @Test(arguments: [
    "", "sometimes", "3 times", "times a day", "three or two times a week", "twice a day or so",
  ])
  func rejectsUnknownPhrasesQuotingThem(_ phrase: String) {
    #expect {
      try FrequencyParser.parse(phrase)
    } throws: { error in
      guard case .unknownPhrase(let quoted, let suggestion, nil) = error as? CoreError else { return false }
      return quoted == phrase && suggestion != nil
    }
  }

  /// Numbers out of range say what the range is.
  @Test(arguments: [
    ("25 times a day", "at most 24 a day; for more, use 'every N minutes'"),
    ("100 times a day", "at most 24 a day; for more, use 'every N minutes'"),
    ("0 times a day", "at least once a day"),
    ("-2 times a day", "at least once a day"),
    ("8 times a week", "at most 7 a week; for more, use 'N times a day'"),
    ("every 3 minutes", "at least every 5 minutes"),
    ("every 30 hours", "every 1 to 23 hours; for longer, use 'every N days'"),
    ("every 400 days", "every 1 to 365 days"),
    ("5 times a month", "at most 4 a month; for more, use 'N times a week'"),
    ("on the 32nd", "days of the month go from the 1st to the 31st"),
    ("fifth monday of the month", "the first to fourth, or the last, monday of the month"),
  ])
  func outOfRangeNumbersSayTheRange(_ phrase: String, _ reason: String) {
    #expect(throws: CoreError.badPhrase(phrase, reason: reason, at: nil)) { try FrequencyParser.parse(phrase) }
    let message = CoreError.badPhrase(phrase, reason: reason, at: nil).localizedDescription
    #expect(message == "error: \"\(phrase)\": \(reason)")
  }

  @Test func clockTimesPointToAt() {
    let location = SourceLocation(file: "r.toml", line: 4, column: 9)
    for (phrase, list) in [
      ("at 08:00 and 20:00", "[\"08:00\", \"20:00\"]"), ("daily at 8am", "[\"08:00\"]"),
      ("twice a day 7.30 and 9 pm", "[\"07:30\", \"21:00\"]"),
    ] {
      let error = CoreError.badPhrase(
        phrase, reason: "clock times go in 'at': write them as at = \(list)", at: location)
      #expect(throws: error) { try FrequencyParser.parse(phrase, at: location) }
      #expect(error.localizedDescription.hasPrefix("r.toml:4:9: error: \"\(phrase)\": clock times go in 'at'"))
    }
  }

  @Test(arguments: [
    ("evry day", "every day"), ("twice a dya", "twice a day"), ("every 3 hourz", "every 3 hours"),
    ("fortnightley", "fortnightly"), ("on weekdys", "on weekdays"), ("every 4 dyas", "every 4 days"),
  ])
  func unknownPhrasesGetTheClosestAcceptedOne(_ phrase: String, _ closest: String) {
    let message =
      (try? FrequencyParser.parse(phrase)).map { "parsed: \($0)" }
      ?? {
        do { _ = try FrequencyParser.parse(phrase) } catch { return error.localizedDescription }
        return ""
      }()
    #expect(
      message
        == "error: unknown frequency \"\(phrase)\"; did you mean \"\(closest)\"? (every phrase: tiptoe routine --phrases)"
    )
    #expect(message.count < 120)
  }

  /// A fuzz pass: random strings built from the phrases' own words never crash the parser; whatever
  /// it accepts is a sane frequency, and every refusal quotes the phrase.
  @Test func neverCrashesOnRandomInput() {
    let vocabulary = [
      "at", "least", "once", "twice", "thrice", "times", "time", "a", "day", "week", "daily", "weekly", "per", "every",
      "other", "or", "to", "-", "2", "3", "0", "99", "three", "few", "on", "basis", "—", "é", "🦶", "\n", ",", "",
      "x", "5x", "/", "hours", "minutes", "hourly", "month", "the", "1st", "15th", "32nd", "first", "last", "monday",
      "fridays", "weekdays", "weekends", "and", "morning", "evening", "noon", "before", "bed", "in", "of", "bid",
      "q4h", "8:00", "9pm", "fortnightly", "biweekly", "weeks", "days", "20", "90", "-1", "12345678901234567890",
    ]
    var generator = SplitMix(seed: 42)
    for _ in 0..<3000 {
      let count = Int(generator.next() % 7)
      let phrase = (0..<count).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(
        separator: " ")
      do {
        let frequency = try FrequencyParser.parse(phrase)
        #expect(frequency.times >= 1 && frequency.goal >= 1 && frequency.goal <= frequency.times)
        #expect(frequency.period != .week || frequency.times <= 7)
        #expect(!DayPattern.times(of: frequency, in: DayWindow()).isEmpty)
      } catch {
        let message = error.localizedDescription
        #expect(message.contains("\"\(phrase)\""), "\(message)")
        #expect(message.count < 160 + phrase.count, "\(message)")
      }
    }
  }

  /// The list `tiptoe routine --phrases` prints (and the README's table) holds only phrases that parse.
  @Test(arguments: FrequencyParser.allPhrases)
  func everyListedPhraseParses(_ phrase: String) throws {
    _ = try FrequencyParser.parse(phrase)
  }

  @Test func newPhrasesAndTheirModel() throws {
    let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
    let expected: [(String, Frequency)] = [
      ("Every 2 Hours", .init(period: .day, times: 1, placement: .interval(minutes: 120))),
      ("every ninety minutes", .init(period: .day, times: 1, placement: .interval(minutes: 90))),
      ("5X/DAY", .init(period: .day, times: 5)),
      ("3 x per week", .init(period: .week, times: 3)),
      ("every weekday", .init(period: .day, times: 1, weekdays: weekdays)),
      ("twice a week on weekdays", .init(period: .week, times: 2, weekdays: weekdays)),
      ("every third day", .init(period: .days(3), times: 1)),
      ("every other friday", .init(period: .weeks(2), times: 1, weekdays: [.friday])),
      ("on the 15th and the 1st of each month", .init(period: .monthDays([1, 15]), times: 2)),
      ("the last friday of every month", .init(period: .monthWeekday(-1, .friday), times: 1)),
      ("twice daily, morning and evening", .init(period: .day, times: 2, placement: .parts([.morning, .evening]))),
      ("in the evening on mondays", .init(period: .day, times: 1, placement: .parts([.evening]), weekdays: [.monday])),
    ]
    for (phrase, frequency) in expected { #expect(try FrequencyParser.parse(phrase) == frequency, "\(phrase)") }
  }

  @Test(arguments: [
    ("3 times a day in the morning", "3 a day, but 1 times of day are named"),
    ("every 2 hours in the evening", "an interval sets its own times; leave out the times of day"),
    ("5 times a week on weekends", "5 days a week, but only 2 named (name more days, or lower the count)"),
    (
      "every 3 days on mondays",
      "every 3 days does not go with days of the week (example: \"twice a week on weekdays\")"
    ),
  ])
  func clashesSayWhatDoesNotGoTogether(_ phrase: String, _ reason: String) {
    #expect(throws: CoreError.badPhrase(phrase, reason: reason, at: nil)) { try FrequencyParser.parse(phrase) }
  }

  @Test func cleaningKeepsLettersDigitsAndDashesOfAnyScript() {
    #expect(FrequencyParser.cleaned("Twice–Daily É") == "twice-daily é")
    #expect(FrequencyParser.cleaned("3x/day, (at least)!") == "3x day   at least  ")
    #expect(FrequencyParser.normalize("3x/day") == ["3", "times", "per", "day"])
    #expect(FrequencyParser.cleaned("ZWEIMAL täglich") == "zweimal täglich")
  }
}

/// A small deterministic random generator for fuzz tests.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
