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
    "", "sometimes", "3 times", "times a day", "0 times a day", "twice a month", "8 times a week",
    "three or two times a week", "every 3 hours", "100 times a day", "-2 times a day", "twice a day or so",
  ])
  func rejectsUnknownPhrasesQuotingThem(_ phrase: String) {
    #expect(throws: CoreError.unknownPhrase(phrase, at: nil)) { try FrequencyParser.parse(phrase) }
  }

  @Test func theErrorListsAcceptedForms() {
    let message = CoreError.unknownPhrase("evry day", at: nil).localizedDescription
    #expect(message.contains("\"evry day\""))
    #expect(message.contains("N times a day") && message.contains("every other day"))
  }

  /// A fuzz pass: random strings built from the phrases' own words never crash the parser,
  /// and whatever it accepts is a sane frequency.
  @Test func neverCrashesOnRandomInput() {
    let vocabulary = [
      "at", "least", "once", "twice", "thrice", "times", "time", "a", "day", "week", "daily", "weekly", "per", "every",
      "other", "or", "to", "-", "2", "3", "0", "99", "three", "few", "on", "basis", "—", "é", "🦶", "\n", ",", "",
    ]
    var generator = SplitMix(seed: 42)
    for _ in 0..<20000 {
      let count = Int(generator.next() % 7)
      let phrase = (0..<count).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(
        separator: " ")
      if let frequency = try? FrequencyParser.parse(phrase) {
        #expect(frequency.times >= 1 && frequency.goal >= 1 && frequency.goal <= frequency.times)
        #expect(frequency.period != .week || frequency.times <= 7)
      }
    }
  }

  @Test func cleaningKeepsLettersDigitsAndDashesOfAnyScript() {
    #expect(FrequencyParser.cleaned("Twice–Daily É") == "twice-daily é")
    #expect(FrequencyParser.cleaned("3x/day, (at least)!") == "3x day   at least  ")
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
