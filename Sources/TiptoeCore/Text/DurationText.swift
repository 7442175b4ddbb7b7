import Foundation

/// Durations in words, the same in every command, notification and log line.
public enum DurationText {
  /// `45 s`, `10 min`, `1 min 30 s`, `1 h 30 min`, `2 d 3 h`: the largest unit and the next one
  /// when it is not zero (the rest is dropped).
  ///
  ///     DurationText.span(5400)  // "1 h 30 min"
  public static func span(_ seconds: Int) -> String {
    let units = [(86400, "d"), (3600, "h"), (60, "min"), (1, "s")]
    let total = max(0, seconds)
    guard let first = units.firstIndex(where: { total >= $0.0 }) else { return "0 s" }
    var parts = ["\(total / units[first].0) \(units[first].1)"]
    if first + 1 < units.count {
      let (size, name) = units[first + 1]
      let next = total % units[first].0 / size
      if next > 0 { parts.append("\(next) \(name)") }
    }
    return parts.joined(separator: " ")
  }

  /// `in 2 h 5 min`, `in 40 s`, `5 min ago`, rounded to the second.
  public static func relative(_ seconds: TimeInterval) -> String {
    let text = span(Int(abs(seconds).rounded()))
    return seconds >= 0 ? "in " + text : text + " ago"
  }
}

/// Lists in words.
public enum ListText {
  /// `A`, `A and B`, `A, B and C`.
  public static func and(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
  }
}
