import Foundation

/// Loop Habit Tracker's habit strength (uhabits-core `Score.kt`, `ScoreList.kt`): exponential
/// smoothing of each day's fraction done, with a half-life of `13 / sqrt(f)` days for a habit
/// planned `f` times a day on average.
///
///     HabitScore.step(frequency: 1, previous: 0, value: 1)  // 0.051922
public enum HabitScore {
  /// One day: `previous × m + value × (1 − m)` with `m = 0.5 ^ (sqrt(frequency) / 13)`.
  public static func step(frequency: Double, previous: Double, value: Double) -> Double {
    let multiplier = pow(0.5, frequency.squareRoot() / 13)
    return previous * multiplier + value * (1 - multiplier)
  }

  /// How one day is scored.
  public enum Day: Hashable, Sendable {
    /// The fraction of the day's planned slots that were done, in [0, 1] (0 when nothing was logged).
    case fraction(Double)
    /// Skipped: the score carries over unchanged, and the day leaves Loop's rolling window alone.
    case skipped
  }

  /// How often a habit is planned, in Loop's terms: `times` in `days` days (2 in 7 for "twice a week").
  public struct Rate: Hashable, Sendable {
    public let times: Int
    public let days: Int

    public init(times: Int, days: Int) {
      self.times = times
      self.days = days
    }

    /// Every day.
    public static let daily = Rate(times: 1, days: 1)

    /// `times / days`: the `f` of the multiplier.
    public var frequency: Double { Double(times) / Double(days) }
  }

  /// The score after each day, oldest first, starting from 0 before the first day.
  ///
  /// A daily habit scores each day's fraction. A less frequent one scores, as Loop's boolean habits
  /// do, the sum of the fractions in a rolling window of `2 × days` days divided by `2 × times`,
  /// capped at 1 ("smooth out irregular schedules"); the multiplier keeps the undoubled frequency.
  public static func series(_ days: [Day], rate: Rate) -> [Double] {
    let frequency = rate.frequency
    let rolling = frequency < 1
    let window = rolling ? 2 * rate.days : 1
    let target = Double(rolling ? 2 * rate.times : 1)
    var previous = 0.0
    var sum = 0.0
    var scores: [Double] = []
    scores.reserveCapacity(days.count)
    for (index, day) in days.enumerated() {
      if case .fraction(let value) = day, rolling { sum += value }
      if rolling, index >= window, case .fraction(let old) = days[index - window] { sum -= old }
      if case .fraction(let value) = day {
        let checkmark = rolling ? sum / target : value
        previous = step(frequency: frequency, previous: previous, value: min(1, max(0, checkmark)))
      }
      scores.append(previous)
    }
    return scores
  }
}
