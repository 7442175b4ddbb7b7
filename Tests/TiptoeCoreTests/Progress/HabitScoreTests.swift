import Foundation
import Testing

@testable import TiptoeCore

/// Loop Habit Tracker's own test vectors (uhabits-core `ScoreTest.kt`, `ScoreListTest.kt`).
struct HabitScoreTests {
  func near(_ value: Double, _ expected: Double, _ tolerance: Double = 0.000001) -> Bool {
    abs(value - expected) < tolerance
  }

  @Test func oneStepMatchesLoop() {
    #expect(near(HabitScore.step(frequency: 1, previous: 0, value: 1), 0.051922))
    #expect(near(HabitScore.step(frequency: 1, previous: 0.5, value: 1), 0.525961))
    #expect(near(HabitScore.step(frequency: 1, previous: 0.5, value: 0), 0.474039))
    #expect(near(HabitScore.step(frequency: 1.0 / 3, previous: 0, value: 1), 0.030314))
  }

  @Test func twentyDaysDoneEndingToday() {
    let scores = HabitScore.series(Array(repeating: .fraction(1), count: 20), rate: .daily)
    #expect(near(scores[0], 0.051922))
    #expect(near(scores[18], 0.636894))
    #expect(near(scores[19], 0.655747))
  }

  @Test func skipsFiveTenAndElevenDaysAgoCarryTheScoreOver() {
    var days = Array(repeating: HabitScore.Day.fraction(1), count: 20)
    for ago in [5, 10, 11] { days[19 - ago] = .skipped }
    let scores = HabitScore.series(days, rate: .daily)
    #expect(near(scores[19], 0.596033))
    #expect(scores[19 - 5] == scores[19 - 6])
  }

  @Test func threeAWeekDoneTwiceAWeekConvergesToTwoThirds() {
    let week: [HabitScore.Day] = [
      .fraction(1), .fraction(0), .fraction(1), .fraction(0), .fraction(0), .fraction(0), .fraction(0),
    ]
    let days = Array(Array(repeating: week, count: 100).joined())
    #expect(near(HabitScore.series(days, rate: HabitScore.Rate(times: 3, days: 7)).last!, 2.0 / 3, 0.001))
    // The same log scored as four a week: one half.
    #expect(near(HabitScore.series(days, rate: HabitScore.Rate(times: 4, days: 7)).last!, 0.5, 0.001))
  }

  @Test func aPerfectDailyHabitReachesEightyNinetySixAndNinetyNinePercent() {
    let scores = HabitScore.series(Array(repeating: .fraction(1), count: 90), rate: .daily)
    #expect(near(scores[29], 0.798, 0.001))
    #expect(near(scores[59], 0.959, 0.001))
    #expect(near(scores[89], 0.992, 0.001))
  }

  @Test func aNothingLoggedDayCountsAsZero() {
    let scores = HabitScore.series([.fraction(1), .fraction(0)], rate: .daily)
    #expect(scores[1] < scores[0])
    #expect(near(scores[1], HabitScore.step(frequency: 1, previous: scores[0], value: 0)))
  }
}
