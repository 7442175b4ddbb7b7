/// The grammar of frequency phrases, over normalized words (see `FrequencyParser`).
struct PhraseReader {
  let phrase: String
  let location: SourceLocation?

  func bad(_ reason: String) -> CoreError { CoreError.badPhrase(phrase, reason: reason, at: location) }

  /// The frequency of `words`: a core, else a trailing day set or times of day peeled off and the rest read again.
  func frequency(_ words: [Substring], days: [Weekday]?, parts: [PartOfDay]?) throws -> Frequency? {
    if words.isEmpty {
      guard days != nil || parts != nil else { return nil }
      return try combine(Frequency(period: .day, times: 1), days: days, parts: parts)
    }
    if days != nil, ["every other", "every second", "every alternate"].contains(FrequencyParser.sentence(words[...])) {
      return try combine(Frequency(period: .weeks(2), times: 1), days: days, parts: parts)
    }
    if let core = try core(words) { return try combine(core, days: days, parts: parts) }
    if days == nil, let (rest, found) = Self.peelDays(words) {
      return try frequency(rest, days: found, parts: parts)
    }
    if parts == nil, let (rest, found) = Self.peelParts(words) {
      return try frequency(rest, days: days, parts: found)
    }
    return nil
  }

  /// A core frequency with the day set and times of day the phrase adds to it.
  func combine(_ core: Frequency, days: [Weekday]?, parts: [PartOfDay]?) throws -> Frequency {
    var placement = core.placement
    var times = core.times
    var goal = core.goal
    if let parts {
      if case .interval = core.placement { throw bad("an interval sets its own times; leave out the times of day") }
      if core.period == .day {
        if core.times > 1 && core.times != parts.count {
          throw bad("\(core.times) a day, but \(parts.count) times of day are named")
        }
        times = parts.count
        goal = parts.count
      }
      placement = .parts(parts)
    }
    if let days {
      switch core.period {
      case .day: break
      case .weeks:
        // "every 2 weeks on mondays and thursdays": each named day.
        times = days.count
        goal = days.count
      case .week:
        if core.times > days.count {
          throw bad("\(core.times) days a week, but only \(days.count) named (name more days, or lower the count)")
        }
      default:
        throw bad("\(core) does not go with days of the week (example: \"twice a week on weekdays\")")
      }
    }
    return Frequency(period: core.period, times: times, goal: goal, placement: placement, weekdays: days)
  }

  /// The core of a phrase: counts, intervals, longer periods, days of the month.
  func core(_ words: [Substring]) throws -> Frequency? {
    let text = FrequencyParser.sentence(words[...])
    if let fixed = Self.fixed[text] { return fixed }
    if let interval = try every(words) { return interval }
    if let monthly = try monthDays(words) { return monthly }
    if let nth = try monthWeekday(words) { return nth }
    return try count(words)
  }

  /// "every N minutes|hours|days|weeks", "once every N days", "every third day", "q4h".
  func every(_ words: [Substring]) throws -> Frequency? {
    var words = words
    if words.count == 1, words[0].count >= 3, words[0].first == "q", words[0].last == "h",
      let hours = Int(words[0].dropFirst().dropLast())
    {
      words = ["every", Substring(String(hours)), "hours"]
    }
    if words.starts(with: ["once", "every"]) { words.removeFirst() }
    guard words.count == 3, words[0] == "every" || words[0] == "each",
      let n = Self.number(words[1]) ?? Self.ordinals[String(words[1])]
    else { return nil }
    switch words[2] {
    case "minutes", "minute", "mins", "min", "m":
      guard n >= 5 else { throw bad("at least every 5 minutes") }
      guard n < 1440 else { throw bad("at most every 1439 minutes; for longer, use 'every N days'") }
      return Frequency(period: .day, times: 1, placement: .interval(minutes: n))
    case "hours", "hour", "hrs", "hr", "h":
      guard (1...23).contains(n) else { throw bad("every 1 to 23 hours; for longer, use 'every N days'") }
      return Frequency(period: .day, times: 1, placement: .interval(minutes: n * 60))
    case "days", "day":
      guard (1...365).contains(n) else { throw bad("every 1 to 365 days") }
      let period: Frequency.Period = n == 1 ? .day : n == 2 ? .everyOtherDay : .days(n)
      return Frequency(period: period, times: 1)
    case "weeks", "week":
      guard (1...52).contains(n) else { throw bad("every 1 to 52 weeks; for longer, use 'on the 1st' (monthly)") }
      return Frequency(period: n == 1 ? .week : .weeks(n), times: 1)
    default: return nil
    }
  }

  /// "on the 1st and 15th", "the 1st of the month", "on the 1st and the 15th of each month".
  func monthDays(_ words: [Substring]) throws -> Frequency? {
    var words = Array(Self.withoutMonthSuffix(words).drop { $0 == "on" || $0 == "every" || $0 == "each" })
    guard words.first == "the" else { return nil }
    var days: [Int] = []
    words.removeAll { $0 == "the" || $0 == "and" }
    for word in words {
      guard let day = Self.ordinals[String(word)] ?? Self.dayOfMonth(word) else { return nil }
      guard (1...31).contains(day) else { throw bad("days of the month go from the 1st to the 31st") }
      days.append(day)
    }
    guard !days.isEmpty else { return nil }
    let sorted = Array(Set(days)).sorted()
    return Frequency(period: .monthDays(sorted), times: sorted.count)
  }

  /// "first monday of the month", "the last friday of every month", "every 2nd tuesday".
  func monthWeekday(_ words: [Substring]) throws -> Frequency? {
    let words = Array(
      Self.withoutMonthSuffix(words).drop { $0 == "on" || $0 == "every" || $0 == "each" || $0 == "the" })
    guard words.count == 2, let day = Weekday(parsing: String(words[1])) else { return nil }
    let n = words[0] == "last" ? -1 : Self.ordinals[String(words[0])] ?? Self.dayOfMonth(words[0])
    guard let n else { return nil }
    guard n == -1 || (1...4).contains(n) else {
      throw bad("the first to fourth, or the last, \(day.fullName) of the month")
    }
    return Frequency(period: .monthWeekday(n, day), times: 1)
  }

  /// "N times a day|a week|a month" and their shorter forms ("3/day", "5x daily", "3 per week").
  func count(_ words: [Substring]) throws -> Frequency? {
    // Split "COUNT UNIT", where COUNT is one to five words long.
    for split in stride(from: min(5, words.count - 1), through: 1, by: -1) {
      guard let unit = Self.units[FrequencyParser.sentence(words[split...])],
        let (low, high) = Self.countRange(Array(words[..<split])), high >= low
      else { continue }
      guard low >= 1 else { throw bad("at least once a \(unit)") }
      switch unit {
      case "day" where high > 24: throw bad("at most 24 a day; for more, use 'every N minutes'")
      case "week" where high > 7: throw bad("at most 7 a week; for more, use 'N times a day'")
      case "month" where high > 4: throw bad("at most 4 a month; for more, use 'N times a week'")
      case "month":
        guard low == high else { throw bad("a month takes one count (example: \"twice a month\")") }
        return Frequency(period: .monthDays((0..<high).map { 1 + $0 * 28 / high }), times: high)
      default: break
      }
      return Frequency(period: unit == "day" ? .day : .week, times: high, goal: low)
    }
    return nil
  }

  /// "3 times", "three times", "twice", "a few times", "2-3 times", "twice or three times", "3".
  static func countRange(_ words: [Substring]) -> (Int, Int)? {
    let text = FrequencyParser.sentence(words[...])
    switch text {
    case "a few times", "few times", "several times": return (3, 3)
    case "a couple of times", "a couple times", "couple of times": return (2, 2)
    default: break
    }
    if let times = single(text) { return (times, times) }
    for separator in [" or ", " to ", "-", " - "] {
      guard let parts = FrequencyParser.halves(text, around: separator) else { continue }
      // "twice or three times": the first half may lack "times".
      let high = single(parts[1])
      let low = single(parts[0]) ?? single(parts[0] + " times")
      if let low, let high { return (low, high) }
    }
    return nil
  }

  /// "3 times", "three times", "once", "twice", "1 time", "3".
  static func single(_ text: String) -> Int? {
    if let value = adverbs[text] { return value }
    let words = text.split(separator: " ")
    if words.count == 1, let value = Int(words[0]) { return value }
    guard words.count == 2, words[1] == "times" || words[1] == "time" else { return nil }
    return number(words[0])
  }

  static func number(_ word: Substring) -> Int? {
    guard word.count <= 6 else { return numberWords[String(word)] }
    return Int(word) ?? numberWords[String(word)]
  }

  /// "1st", "2nd", "15th", "31st".
  static func dayOfMonth(_ word: Substring) -> Int? {
    guard word.count >= 3, word.count <= 4, ["st", "nd", "rd", "th"].contains(String(word.suffix(2))) else {
      return nil
    }
    return Int(word.dropLast(2))
  }

  /// The words without a trailing "of the month", "of each month", "each month", "monthly".
  static func withoutMonthSuffix(_ words: [Substring]) -> [Substring] {
    for suffix in [
      ["of", "the", "month"], ["of", "each", "month"], ["of", "every", "month"], ["each", "month"],
      ["every", "month"], ["a", "month"], ["monthly"],
    ] where words.ends(with: suffix) {
      return Array(words.dropLast(suffix.count))
    }
    return words
  }
}
