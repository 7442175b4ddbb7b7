/// The closest candidate to a mistyped word, for "did you mean …?".
public enum Suggestion {
  /// The candidate with the smallest edit distance, if it is close enough to be a typo.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let scored = candidates.map { ($0, distance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
  }

  /// Levenshtein distance between two strings, by characters.
  static func distance(_ a: String, _ b: String) -> Int { distance(Array(a), Array(b)) }

  /// Levenshtein distance between two sequences.
  static func distance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
