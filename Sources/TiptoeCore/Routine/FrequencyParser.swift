/// Parses frequency phrases as people write them: "3 times a day",
/// "at least twice a day", "twice or three times a week", "every other day".
///
///     try FrequencyParser.parse("3 times on a daily basis")  // 3× a day
public enum FrequencyParser {
  /// Parses `phrase`, case-insensitively; throws `CoreError.unknownPhrase` quoting it.
  public static func parse(_ phrase: String, at location: SourceLocation? = nil) throws -> Frequency {
    guard let frequency = frequency(of: normalize(phrase)) else {
      throw CoreError.unknownPhrase(phrase, at: location)
    }
    return frequency
  }

  static let numberWords = [
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
  ]
  static let adverbs = ["once": 1, "twice": 2, "thrice": 3]
  static let dayUnits: Set<String> = [
    "a day", "per day", "daily", "every day", "each day", "on a daily basis", "a daily basis",
  ]
  static let weekUnits: Set<String> = [
    "a week", "per week", "weekly", "every week", "each week", "on a weekly basis",
  ]

  /// Lowercased words, without punctuation, filler and "at least".
  static func normalize(_ phrase: String) -> [Substring] {
    var words = cleaned(phrase).split(separator: " ")
    for filler in [["at", "least"], ["about"], ["roughly"], ["up", "to"]] where words.starts(with: filler) {
      words.removeFirst(filler.count)
    }
    if words.last == "for" || words.last == "only" { words.removeLast() }
    return words
  }

  /// Lowercased, with every character but letters, digits and dashes made a space (en and em
  /// dashes count as dashes).
  static func cleaned(_ phrase: String) -> String {
    String(
      phrase.lowercased().map { character -> Character in
        if character == "–" || character == "—" { return "-" }
        return character.isLetter || character.isNumber || character == "-" ? character : " "
      })
  }

  static func frequency(of words: [Substring]) -> Frequency? {
    let text = sentence(words[...])
    switch text {
    case "daily", "every day", "each day", "once daily": return Frequency(period: .day, times: 1)
    case "weekly", "every week", "once weekly": return Frequency(period: .week, times: 1)
    case "every other day", "every second day", "on alternate days", "alternate days":
      return Frequency(period: .everyOtherDay, times: 1)
    default: break
    }
    // Split "COUNT UNIT", where COUNT is one to five words long.
    for split in stride(from: min(5, words.count - 1), through: 1, by: -1) {
      let unit = sentence(words[split...])
      let period: Frequency.Period
      if dayUnits.contains(unit) {
        period = .day
      } else if weekUnits.contains(unit) {
        period = .week
      } else {
        continue
      }
      guard let (low, high) = count(Array(words[..<split])), low >= 1, high >= low, high <= 24 else {
        continue
      }
      if period == .week && high > 7 { return nil }
      return Frequency(period: period, times: high, goal: low)
    }
    return nil
  }

  /// "3 times", "three times", "twice", "a few times", "2-3 times", "twice or three times".
  static func count(_ words: [Substring]) -> (Int, Int)? {
    let text = sentence(words[...])
    switch text {
    case "a few times", "few times", "several times": return (3, 3)
    case "a couple of times", "a couple times", "couple of times": return (2, 2)
    default: break
    }
    if let times = single(text) { return (times, times) }
    for separator in [" or ", " to ", "-", " - "] {
      guard let parts = halves(text, around: separator) else { continue }
      // "twice or three times": the first half may lack "times".
      let high = single(parts[1])
      let low = single(parts[0]) ?? single(parts[0] + " times")
      if let low, let high { return (low, high) }
    }
    return nil
  }

  /// The words with one space between them. Not `joined(separator:)`: for `Substring`s it is
  /// generic code the runtime looks up on first use, costing a command more than the parse.
  static func sentence(_ words: ArraySlice<Substring>) -> String {
    var text = ""
    for word in words {
      if !text.isEmpty { text += " " }
      text.append(contentsOf: word)
    }
    return text
  }

  /// The text before and after the one `separator` in `text`; nil when it is not there exactly once.
  static func halves(_ text: String, around separator: String) -> [String]? {
    let bytes = Array(text.utf8)
    let pattern = Array(separator.utf8)
    guard bytes.count >= pattern.count else { return nil }
    let matches = (0...(bytes.count - pattern.count)).filter { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    guard matches.count == 1, let start = matches.first else { return nil }
    return [
      String(decoding: bytes[..<start], as: UTF8.self),
      String(decoding: bytes[(start + pattern.count)...], as: UTF8.self),
    ]
  }

  /// "3 times", "three times", "once", "twice", "1 time".
  static func single(_ text: String) -> Int? {
    if let value = adverbs[text] { return value }
    let words = text.split(separator: " ")
    guard words.count == 2, words[1] == "times" || words[1] == "time" else { return nil }
    return Int(words[0]) ?? numberWords[String(words[0])]
  }
}

extension Array where Element == Substring {
  fileprivate func starts(with prefix: [String]) -> Bool {
    count >= prefix.count && zip(self, prefix).allSatisfy { $0 == $1 }
  }
}
