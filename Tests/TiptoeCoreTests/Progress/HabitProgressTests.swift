import Foundation
import Testing

@testable import TiptoeCore

/// Strength, streaks, the week and adherence, read from a history written by hand, `now` given.
struct HabitProgressTests {
  /// Once a day, three times a day, and a weekly goal of 2 with 3 planned (Mon, Wed, Fri); Berlin.
  static let text = """
    name = "Test"
    [day]
    timezone = "Europe/Berlin"
    [[exercise]]
    id = "daily"
    title = "Daily"
    every = "once a day"
    [[exercise]]
    id = "presses"
    title = "Presses"
    every = "3 times a day"
    [[exercise]]
    id = "weekly"
    title = "Weekly"
    every = "twice or three times a week"
    """

  let planner: Planner

  init() throws { planner = Planner(routine: try routine(Self.text), timeZone: zone("Europe/Berlin")) }

  /// Events for `slots` ("exercise/date/ordinal"), one each, in order, then `undo` of the listed ones.
  func history(_ entries: [(EventKind, String)], undoing: [Int] = []) -> History {
    var events = entries.enumerated().map { index, entry in
      HistoryEvent(
        id: Int64(index + 1), batch: Int64(index + 1), kind: entry.0, slot: entry.1,
        exercise: String(entry.1.split(separator: "/")[0]), at: instant("2026-01-01T00:00:00Z"), slotStart: nil)
    }
    for target in undoing {
      let id = Int64(events.count + 1)
      events.append(
        HistoryEvent(
          id: id, batch: id, kind: .undone, slot: entries[target - 1].1, exercise: events[target - 1].exercise,
          at: instant("2026-01-01T00:00:00Z"), slotStart: nil, undoes: Int64(target)))
    }
    return History(planner: planner, events: events)
  }

  func progress(_ history: History, today: String, at time: String = "23:30", days: Int = 84) -> [String: HabitProgress]
  {
    let today = date(today)
    let now = instant("\(today)T\(time):00+01:00")
    let all = HabitProgress.all(history, from: today.adding(days: 1 - days), today: today, now: now)
    return Dictionary(uniqueKeysWithValues: all.map { ($0.exercise.id, $0) })
  }

  /// The dates of the `count` days ending `last`.
  func dates(_ count: Int, endingOn last: String) -> [LocalDate] {
    (0..<count).map { date(last).adding(days: $0 - count + 1) }
  }

  func near(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) < 0.000001 }

  @Test func twentyDaysDoneAcrossTheAutumnChangeIsLoopsVector() {
    // 2026-10-25 has 25 hours in Berlin: still one day.
    let days = dates(20, endingOn: "2026-11-05")
    let done = progress(history(days.map { (.done, "daily/\($0)/1") }), today: "2026-11-05")["daily"]!
    #expect(near(done.strength, 0.655747))
    #expect(done.streak == (20, 20))
    #expect(done.adherence == 1)
    #expect(done.days.count == 84)
    #expect(done.days.filter { $0.kind == .done }.count == 20)
    #expect(done.days.first { $0.date == date("2026-10-25") }?.kind == .done)
    #expect(done.days.last!.date == date("2026-11-05"))
  }

  @Test func skipsKeepTheStreakAndCarryTheScore() {
    let days = dates(20, endingOn: "2026-11-05")
    let skipped = Set([5, 10, 11].map { days[19 - $0] })
    let entries = days.map { (skipped.contains($0) ? EventKind.skipped : .done, "daily/\($0)/1") }
    let daily = progress(history(entries), today: "2026-11-05")["daily"]!
    #expect(near(daily.strength, 0.596033))
    #expect(daily.streak == (20, 20))
    #expect(daily.adherence == 1)  // skips are left out of both sides
  }

  @Test func aMissedDayBreaksTheStreakAndCountsAsZero() {
    let days = dates(10, endingOn: "2026-11-05")
    let entries = days.filter { $0 != days[6] }.map { (EventKind.done, "daily/\($0)/1") }
    let daily = progress(history(entries), today: "2026-11-05")["daily"]!
    #expect(daily.streak == (3, 6))
    #expect(daily.days.first { $0.date == days[6] }?.kind == .missed)
    #expect(daily.adherence == 0.9)
  }

  @Test func severalADayScoreTheFractionAndAPartialDayBreaksTheStreak() {
    let days = dates(3, endingOn: "2026-11-05")
    var entries: [(EventKind, String)] = []
    for day in days {
      for ordinal in 1...3 where !(day == days[1] && ordinal == 3) {
        entries.append((.done, "presses/\(day)/\(ordinal)"))
      }
    }
    let presses = progress(history(entries), today: "2026-11-05")["presses"]!
    let middle = presses.days.first { $0.date == days[1] }!
    #expect((middle.planned, middle.done, middle.kind) == (3, 2, .partial))
    #expect(presses.streak == (1, 1))
    let expected = HabitScore.series([.fraction(1), .fraction(2.0 / 3), .fraction(1)], rate: .daily).last!
    #expect(near(presses.strength, expected))
    #expect(near(presses.adherence!, 8.0 / 9))
  }

  @Test func todayStillOpenNeitherAddsNorBreaks() {
    let days = dates(5, endingOn: "2026-11-04")
    let entries = days.map { (EventKind.done, "daily/\($0)/1") }
    // 2026-11-05 at 10:00: today's slot (14:30) is still to come.
    let daily = progress(history(entries), today: "2026-11-05", at: "10:00")["daily"]!
    #expect(daily.streak.current == 5)
    #expect(daily.days.last!.kind == .open)
    #expect(daily.adherence == 1)
    #expect(daily.strength == daily.days[daily.days.count - 2].strength)
  }

  @Test func undoTakesTheDoneBack() {
    let days = dates(3, endingOn: "2026-11-05")
    let daily = progress(history(days.map { (.done, "daily/\($0)/1") }, undoing: [2]), today: "2026-11-05")["daily"]!
    #expect(daily.days.first { $0.date == days[1] }?.kind == .missed)
    #expect(daily.streak == (1, 1))
  }

  @Test func aWeeklyGoalMetEarlyMakesTheRestOfTheWeekOptional() {
    // Week of Mon 2026-11-02: Mon and Wed done; Fri 2026-11-06 is optional; today is Sun 2026-11-08.
    let history = history([(.done, "weekly/2026-11-02/1"), (.done, "weekly/2026-11-04/1")])
    let friday = planner.slots(on: date("2026-11-06")).first { $0.exercise == "weekly" }!
    #expect(history.isOptional(friday))
    #expect(history.status(of: friday, now: instant("2026-11-08T12:00:00+01:00")) == .goalMet)
    let weekly = progress(history, today: "2026-11-08")["weekly"]!
    #expect(weekly.days.first { $0.date == date("2026-11-06") }?.kind == .goalMet)
    #expect(weekly.streak == (7, 7))  // Mon…Sun: done, not planned, done, not planned, goal met, not planned
    #expect(weekly.week == WeekProgress(done: 2, goal: 2, planned: 3, left: 0, daysLeft: 1, isWeekly: true))
    #expect(weekly.adherence == 1)
    // Only one done: Wednesday and Friday were due, and each miss breaks the streak; the days off
    // after Friday's miss start none (Loop's days outside every interval are unknown, not kept).
    let behind = progress(self.history([(.done, "weekly/2026-11-02/1")]), today: "2026-11-08")["weekly"]!
    #expect(behind.days.first { $0.date == date("2026-11-06") }?.kind == .missed)
    #expect(behind.streak == (0, 2))
  }

  @Test func theWeekSaysWhenItFallsBehind() {
    // Thu 2026-11-05 at 10:00, nothing done: goal 2, only Friday left.
    let weekly = progress(history([(.missed, "weekly/2026-11-02/1")]), today: "2026-11-05", at: "10:00")["weekly"]!
    #expect(weekly.week.left == 1)
    #expect(weekly.week.isBehind)
    #expect(weekly.week.daysLeft == 4)
  }

  @Test func aDayIsJudgedByTheSlotsPlannedThatDay() {
    // The routine plans presses 3 a day now; the history holds a fourth slot done on one day
    // (the routine had four then).
    let day = "2026-11-05"
    let entries = (1...4).map { (EventKind.done, "presses/\(day)/\($0)") }
    let presses = progress(history(entries), today: day)["presses"]!
    #expect((presses.days.last!.planned, presses.days.last!.done, presses.days.last!.kind) == (4, 4, .done))
  }

  @Test func theHistoryStartsOnItsFirstDay() {
    let daily = progress(history([(.done, "daily/2026-11-05/1")]), today: "2026-11-05")["daily"]!
    #expect(daily.days.filter { $0.kind == .untracked }.count == 83)
    #expect(near(daily.strength, 0.051922))
    // Nothing logged at all: every day before today untracked, strength 0.
    let empty = progress(history([]), today: "2026-11-05")["daily"]!
    #expect(empty.strength == 0)
    #expect(empty.streak == (0, 0))
  }
}
