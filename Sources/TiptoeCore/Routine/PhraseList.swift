/// Every kind of phrase `every` accepts: what `tiptoe routine --phrases` prints, the README's table,
/// and where "did you mean …?" looks.
extension FrequencyParser {
  /// A kind of phrase: an example, other ways to write it, and what it plans.
  public struct Phrase: Sendable {
    public let example: String
    public let also: [String]
    public let plans: String
  }

  /// The phrases, by kind. N is a digit or a word (one … twelve); case does not matter.
  public static let phrases: [Phrase] = [
    Phrase(
      example: "3 times a day",
      also: [
        "three times daily", "3x a day", "5x daily", "3 times/day", "3/day", "3 per day", "twice a day",
        "once a day", "daily", "every day", "3 times on a daily basis", "at least twice a day",
      ],
      plans: "N slots a day (1 to 24) at the centres of N equal parts of the waking window, rounded to 5 minutes"),
    Phrase(
      example: "2-3 times a day", also: ["twice or three times a day"],
      plans: "plans the upper count; the lower one meets the goal"),
    Phrase(
      example: "bid", also: ["qd", "tid", "qid"],
      plans: "the clinical 1 (qd), 2 (bid), 3 (tid) or 4 (qid) times a day, spread like N times a day"),
    Phrase(
      example: "every 2 hours",
      also: [
        "every 90 minutes", "every 20 minutes", "hourly", "every hour", "once an hour",
        "every half hour", "q4h",
      ],
      plans: "the window's start, then every interval, the last no later than its end (5 minutes to 23 hours)"),
    Phrase(
      example: "3 times a week",
      also: [
        "3x a week", "3x/week", "twice a week", "once a week", "weekly",
        "2-3 times a week", "a few times a week",
      ],
      plans: "N days a week (1 to 7) spread over Monday to Sunday (3: Mon, Wed, Fri), one slot at the window's centre"),
    Phrase(
      example: "every weekday",
      also: [
        "weekdays", "on weekdays", "weekends", "on weekends", "every monday",
        "mondays and thursdays", "on tuesdays",
      ],
      plans: "one slot at the window's centre on each of those days"),
    Phrase(
      example: "twice a day on weekdays", also: ["every 2 hours on weekends", "3 times a week on weekdays"],
      plans: "a count or interval, on those days of the week only"),
    Phrase(
      example: "every other day", also: ["every 2 days", "every two days", "every second day", "on alternate days"],
      plans: "the days whose number since 1970-01-01 is even (so never drifts), one slot at the window's centre"),
    Phrase(
      example: "every 3 days", also: ["every third day", "every 10 days"],
      plans: "the days whose number since 1970-01-01 is a multiple of N (2 to 365), one slot at the centre"),
    Phrase(
      example: "every 2 weeks",
      also: [
        "biweekly", "fortnightly", "every other week", "every 3 weeks",
        "every other friday", "every 2 weeks on friday",
      ],
      plans: "Monday (or the named day) of the weeks whose number since the week of 1970-01-05 is a multiple of N"),
    Phrase(
      example: "once a month", also: ["monthly", "twice a month", "3 times a month", "4 times a month"],
      plans: "the 1st; twice: 1st and 15th; 3 times: 1st, 10th, 19th; 4 times: 1st, 8th, 15th, 22nd"),
    Phrase(
      example: "on the 1st and 15th",
      also: ["on the 1st", "the 10th of the month", "on the 1st and the 20th of each month"],
      plans: "those days of every month (a month without the day, such as the 31st, has no slot)"),
    Phrase(
      example: "first monday of the month",
      also: ["the last friday of the month", "every second tuesday of the month"],
      plans: "the first to fourth, or the last, of that weekday in every month"),
    Phrase(
      example: "in the morning",
      also: [
        "every morning", "at noon", "midday", "in the afternoon", "in the evening",
        "before bed", "at bedtime", "at night",
      ],
      plans: "morning: start + 30 min; noon 12:00; afternoon: halfway noon to evening; evening: end − 2 h; "
        + "bedtime: end − 30 min"),
    Phrase(
      example: "morning and evening",
      also: [
        "twice a day, morning and evening", "in the morning and before bed",
        "every other day in the evening", "weekdays in the morning",
      ],
      plans: "several times of day, alone or after another phrase (which then picks the days)"),
  ]

  /// Every phrase of the list, examples and variants.
  public static var allPhrases: [String] { phrases.flatMap { [$0.example] + $0.also } }

  /// The accepted phrase nearest to `phrase` by edit distance, with the writer's own number put in when it parses.
  static func closestPhrase(to phrase: String) -> String? {
    let words = normalize(phrase)
    let text = Array(sentence(words[...]).utf8)
    let number = words.first { Int($0) != nil }
    var best: (phrase: String, words: [Substring], distance: Int)?
    for (candidate, candidateWords) in normalizedPhrases {
      let replaced = number.map { number in candidateWords.map { Int($0) != nil ? number : $0 } } ?? candidateWords
      let distance = Suggestion.distance(text, Array(sentence(replaced[...]).utf8))
      if best == nil || distance < best!.distance { best = (candidate, replaced, distance) }
    }
    guard let best else { return nil }
    // The writer's number, when the phrase with it is accepted ("every 4 days", not "every 400 minutes").
    let suggestion = sentence(best.words[...])
    let reader = PhraseReader(phrase: suggestion, location: nil)
    return (try? reader.frequency(best.words, days: nil, parts: nil)) != nil ? suggestion : best.phrase
  }

  /// Every listed phrase with its normalized words.
  static let normalizedPhrases = allPhrases.map { ($0, normalize($0)) }
}
