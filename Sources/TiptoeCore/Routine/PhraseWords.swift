/// The words of frequency phrases: numbers, units, fixed phrases, days of the week, times of day.
extension PhraseReader {
  static let numberWords = [
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty-five": 45, "ninety": 90,
  ]
  static let ordinals = [
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20,
  ]
  static let adverbs = ["once": 1, "twice": 2, "thrice": 3]

  /// What each unit after a count means.
  static let units: [String: String] = {
    var units: [String: String] = [:]
    for (unit, forms) in [
      ("day", ["a day", "per day", "daily", "every day", "each day", "on a daily basis", "a daily basis", "day"]),
      ("week", ["a week", "per week", "weekly", "every week", "each week", "on a weekly basis", "week"]),
      ("month", ["a month", "per month", "monthly", "every month", "each month", "on a monthly basis", "month"]),
    ] {
      for form in forms { units[form] = unit }
    }
    return units
  }()

  /// Whole phrases with one meaning.
  static let fixed: [String: Frequency] = {
    var fixed: [String: Frequency] = [:]
    func add(_ frequency: Frequency, _ phrases: [String]) {
      for phrase in phrases { fixed[phrase] = frequency }
    }
    add(Frequency(period: .day, times: 1), ["daily", "every day", "each day", "once daily", "qd", "q d", "od"])
    add(Frequency(period: .day, times: 2), ["bid", "b i d"])
    add(Frequency(period: .day, times: 3), ["tid", "t i d"])
    add(Frequency(period: .day, times: 4), ["qid", "q i d"])
    add(Frequency(period: .week, times: 1), ["weekly", "every week", "once weekly", "each week"])
    add(
      Frequency(period: .everyOtherDay, times: 1),
      ["every other day", "every second day", "on alternate days", "alternate days", "every alternate day"])
    add(
      Frequency(period: .day, times: 1, placement: .interval(minutes: 60)),
      ["hourly", "every hour", "once an hour", "once every hour", "each hour"])
    add(
      Frequency(period: .day, times: 1, placement: .interval(minutes: 30)),
      ["every half hour", "every half an hour", "half-hourly"])
    add(
      Frequency(period: .weeks(2), times: 1),
      [
        "biweekly", "bi-weekly", "fortnightly", "every fortnight", "once a fortnight", "every other week",
        "every second week", "once every two weeks", "once every 2 weeks",
      ])
    add(Frequency(period: .monthDays([1]), times: 1), ["monthly", "every month", "once monthly", "each month"])
    return fixed
  }()

  /// A trailing day set ("on weekdays", "every monday", "mondays and thursdays") and the words before it.
  static func peelDays(_ words: [Substring]) -> ([Substring], [Weekday])? {
    var end = words.count
    var days: Set<Weekday> = []
    while end > 0 {
      if let found = weekdays(words[end - 1]) {
        days.formUnion(found)
      } else if !(words[end - 1] == "and" && !days.isEmpty) {
        break
      }
      end -= 1
    }
    guard !days.isEmpty else { return nil }
    if words[end] == "and" { end += 1 }
    var rest = Array(words[..<end])
    for prefix in [["on", "the"], ["at", "the"], ["every"], ["each"], ["on"], ["at"]] where rest.ends(with: prefix) {
      rest.removeLast(prefix.count)
      break
    }
    return (rest, days.sorted())
  }

  /// The days one word names: "monday", "mondays", "mon", "weekdays", "weekend".
  static func weekdays(_ word: Substring) -> [Weekday]? {
    switch word {
    case "weekday", "weekdays": return [.monday, .tuesday, .wednesday, .thursday, .friday]
    case "weekend", "weekends": return [.saturday, .sunday]
    default:
      let singular = word.count > 3 && word.last == "s" ? word.dropLast() : word
      return Weekday(parsing: String(singular)).map { [$0] }
    }
  }

  /// Trailing times of day ("morning and evening", "in the morning and before bed") and the words before them.
  static func peelParts(_ words: [Substring]) -> ([Substring], [PartOfDay])? {
    var rest = words
    var parts: [PartOfDay] = []
    while true {
      guard
        let (length, part) = partPhrases.lazy.compactMap({ phrase, part in
          rest.ends(with: phrase) ? (phrase.count, part) : nil
        }).first
      else { break }
      rest.removeLast(length)
      parts.append(part)
      if rest.last == "and" { rest.removeLast() }
    }
    guard !parts.isEmpty else { return nil }
    return (rest, Array(Set(parts)).sorted { $0.order < $1.order })
  }

  /// Times of day as written, longest first.
  static let partPhrases: [([String], PartOfDay)] = {
    var phrases: [([String], PartOfDay)] = []
    let forms: [(PartOfDay, [String])] = [
      (.morning, ["morning", "mornings", "in the morning", "every morning", "each morning", "in the mornings"]),
      (.noon, ["noon", "at noon", "midday", "at midday", "lunchtime", "at lunchtime", "at lunch"]),
      (.afternoon, ["afternoon", "afternoons", "in the afternoon", "every afternoon", "each afternoon"]),
      (.evening, ["evening", "evenings", "in the evening", "every evening", "each evening", "in the evenings"]),
      (
        .bedtime,
        [
          "before bed", "bedtime", "at bedtime", "before bedtime", "at night", "night", "every night", "each night",
          "nightly", "before sleep", "before sleeping", "before going to bed",
        ]
      ),
    ]
    for (part, texts) in forms {
      for text in texts { phrases.append((text.split(separator: " ").map(String.init), part)) }
    }
    return phrases.sorted { $0.0.count > $1.0.count }
  }()
}

extension PartOfDay {
  var order: Int { Self.allCases.firstIndex(of: self)! }
}
