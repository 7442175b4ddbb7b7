/// Parses frequency phrases as people write them: "3 times a day", "5x daily", "every 2 hours",
/// "every weekday", "fortnightly", "on the 1st and 15th", "morning and evening".
///
/// A phrase is a core ("twice a week", "every 3 days", "hourly"), optionally followed by times of day
/// ("in the evening") and days of the week ("on weekdays"), in either order; either may stand alone.
///
///     try FrequencyParser.parse("3 times on a daily basis")  // 3× a day
public enum FrequencyParser {
  /// Parses `phrase`, case-insensitively. Throws `CoreError.unknownPhrase` with the closest accepted
  /// phrase, or `CoreError.badPhrase` saying what is out of range or does not go together.
  public static func parse(_ phrase: String, at location: SourceLocation? = nil) throws -> Frequency {
    let reader = PhraseReader(phrase: phrase, location: location)
    if let times = clockTimes(in: phrase.lowercased()), !times.isEmpty {
      let list = times.map { "\"\($0)\"" }.joined(separator: ", ")
      throw reader.bad("clock times go in 'at': write them as at = [\(list)]")
    }
    guard let frequency = try reader.frequency(normalize(phrase), days: nil, parts: nil) else {
      throw CoreError.unknownPhrase(phrase, suggestion: closestPhrase(to: phrase), at: location)
    }
    return frequency
  }

  /// Lowercased words, without punctuation, filler and "at least"; `5x` and `x` become "times",
  /// `/` becomes "per".
  static func normalize(_ phrase: String) -> [Substring] {
    let spaced = phrase.lowercased().replacingAll("/", with: " per ").replacingAll("×", with: "x")
    var words: [Substring] = []
    for word in cleaned(spaced).split(separator: " ") {
      if word == "x" {
        words.append("times")
      } else if word.count > 1, word.last == "x", Int(word.dropLast()) != nil {
        words.append(word.dropLast())
        words.append("times")
      } else {
        words.append(word)
      }
    }
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

  /// The clock times in a lowercased phrase, as `HH:MM`: "8:00", "20.30", "8h30", "8am", "8 pm"; nil when none.
  static func clockTimes(in text: String) -> [String]? {
    let characters = Array(text)
    func digit(_ index: Int) -> Bool {
      index < characters.count && characters[index].isASCII && characters[index].isNumber
    }
    var times: [String] = []
    var index = 0
    while index < characters.count {
      guard digit(index), index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber) else {
        index += 1
        continue
      }
      var end = index
      while digit(end) { end += 1 }
      let hour = end - index <= 2 ? Int(String(characters[index..<end])) ?? 99 : 99
      var minute: Int?
      var after = end
      if end < characters.count, ":.h".contains(characters[end]), digit(end + 1), digit(end + 2), !digit(end + 3) {
        minute = Int(String(characters[(end + 1)...(end + 2)]))
        after = end + 3
      }
      var rest = after
      while rest < characters.count, characters[rest] == " " { rest += 1 }
      let suffix = String(characters[rest..<min(rest + 2, characters.count)])
      let meridiem =
        (suffix == "am" || suffix == "pm") && (rest + 2 >= characters.count || !characters[rest + 2].isLetter)
      if (minute != nil || meridiem) && hour <= 24 && (minute ?? 0) < 60 {
        let hour24 = meridiem ? hour % 12 + (suffix == "pm" ? 12 : 0) : hour % 24
        times.append(LocalTime(secondsOfDay: hour24 * 3600 + (minute ?? 0) * 60).description)
      }
      index = after + 1
    }
    return times.isEmpty ? nil : times
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
}

extension String {
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    guard contains(target) else { return self }
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}

extension Array where Element == Substring {
  func starts(with prefix: [String]) -> Bool {
    count >= prefix.count && zip(self, prefix).allSatisfy { $0 == $1 }
  }

  func ends(with suffix: [String]) -> Bool {
    count >= suffix.count && zip(self[(count - suffix.count)...], suffix).allSatisfy { $0 == $1 }
  }
}
