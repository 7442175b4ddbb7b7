import Foundation

/// One exercise's progress: strength, streaks, this week, adherence, and each day of a range.
///
/// All of it is read from the one history model (`History`), with today and `now` passed in:
///
///     let progress = HabitProgress.all(history, from: today.adding(days: -83), today: today, now: now)
///     print(progress[0].strength, progress[0].streak.current)
public struct HabitProgress: Sendable {
  public let exercise: Exercise
  /// The days of the range asked for, oldest first, up to today.
  public let days: [HabitDay]
  /// Loop Habit Tracker's score at the end of today, in [0, 1] (`HabitScore`).
  public let strength: Double
  /// Days in a row, ending today, that were done, skipped or not due (today counts once settled);
  /// and the longest such run in the history.
  public let streak: (current: Int, best: Int)
  /// The current streak reaches the first day of the history read, and the history goes further
  /// back: it is at least `streak.current` days ("28+-day streak").
  public var streakGoesFurther = false
  public let week: WeekProgress
  /// Done ÷ planned over the range up to now, skipped and optional slots left out of both; nil when
  /// nothing was planned.
  public let adherence: Double?

  /// The first day of a history: the date of its oldest slot with events; nil when it has none.
  public static func firstDay(of history: History) -> LocalDate? { history.recordsByDay.firstDay }

  /// Where the history `today(_:today:now:exercises:hasOlder:)` reads begins: the slots of the last
  /// `recentDays` before `today`, from a Monday (so weekly goals count the whole week), with a day's
  /// margin (so events still count when the routine's times moved).
  public static func recentStart(_ planner: Planner, today: LocalDate, recentDays: Int = 28) -> Date {
    let first = today.adding(days: -recentDays)
    return planner.dayStart(min(first.adding(days: -1), first.monday))
  }

  /// Each exercise's progress today (of `exercises`, when given) from `recent`, the history of the
  /// slots from `recentStart` on, so that it costs the same however long the history is. A streak
  /// that reaches back to its first day is marked `streakGoesFurther` when `hasOlder()` says that the
  /// history has slot events before `recentStart`.
  public static func today(
    _ recent: History, today: LocalDate, now: Date, exercises: Set<String>? = nil, hasOlder: () throws -> Bool
  ) rethrows -> [HabitProgress] {
    var progress = all(recent, from: today, today: today, now: now, exercises: exercises)
    let start = firstDay(of: recent) ?? today
    let reaching = progress.indices.filter { progress[$0].streak.current >= today.dayNumber - start.dayNumber }
    if !reaching.isEmpty, try hasOlder() {
      for index in reaching { progress[index].streakGoesFurther = true }
    }
    return progress
  }

  /// Every exercise of the history's routine (of those with ids in `exercises`, when given), in
  /// routine order, over `from...today`.
  ///
  /// Strength and streaks are computed from the history's first day (`firstDay(of:)`), so `history`
  /// should hold all of it; days before it are `untracked`.
  public static func all(
    _ history: History, from: LocalDate, today: LocalDate, now: Date, exercises: Set<String>? = nil
  ) -> [HabitProgress] {
    let planner = history.planner
    let start = min(firstDay(of: history) ?? today, today)
    let monday = today.monday
    let first = min(from, start, monday)
    let last = monday.adding(days: 6)
    let todaysSlots = planner.slots(on: today)
    let chosen = planner.routine.exercises.enumerated().filter { exercises?.contains($0.element.id) ?? true }
    return chosen.map { position, exercise in
      let pattern = planner.patterns[position]
      var days: [HabitDay] = []
      days.reserveCapacity(last.dayNumber - first.dayNumber + 1)
      for number in first.dayNumber...last.dayNumber {
        let date = LocalDate(dayNumber: number)
        let planned = pattern.occurs(on: date) ? pattern.times(on: date).count : 0
        var day = HabitDay(date: date, planned: planned)
        for (ordinal, record) in history.recordsByDay.records(exercise.id, number) {
          switch record.decision {
          case .done: day.done += 1
          case .skipped: day.skipped += 1
          default: break
          }
          if ordinal > planned, record.isSettled { day.planned += 1 }
        }
        if date == today {
          for slot in todaysSlots where slot.exercise == exercise.id {
            let status = history.status(of: slot, now: now)
            if status == .pending || status == .due || status == .snoozed { day.open += 1 }
          }
        }
        day.kind = kind(of: day, today: today, start: start, goalMet: history.goals.isMet(exercise.id, week: date))
        days.append(day)
      }
      return HabitProgress(
        exercise: exercise, days: days, from: from, today: today, start: start, goal: WeeklyGoals.goal(of: exercise))
    }
  }

  /// The kind of a day from its counts.
  static func kind(of day: HabitDay, today: LocalDate, start: LocalDate, goalMet: Bool) -> HabitDay.Kind {
    if day.date > today { return .future }
    if day.date < start { return .untracked }
    if day.planned == 0 { return .notPlanned }
    if day.skipped == day.planned { return .skipped }
    if day.done > 0 && day.done >= day.planned - day.skipped { return .done }
    if goalMet { return day.done > 0 ? .done : .goalMet }
    if day.open > 0 { return .open }
    return day.done > 0 ? .partial : .missed
  }

  /// Scores, streaks, the week and adherence from the days `first...` (through the end of this week).
  init(exercise: Exercise, days all: [HabitDay], from: LocalDate, today: LocalDate, start: LocalDate, goal: Int?) {
    self.exercise = exercise
    var all = all
    let first = all[0].date
    let startOffset = start.dayNumber - first.dayNumber
    let todayOffset = today.dayNumber - first.dayNumber
    // Strength, from the history's first day to today.
    let rate = Self.rate(of: exercise)
    let scored = all[startOffset...todayOffset].map { day -> HabitScore.Day in
      switch day.kind {
      case .skipped, .open: return .skipped
      case .notPlanned: return rate.frequency < 1 ? .fraction(0) : .skipped
      default:
        let planned = day.planned - day.skipped
        return .fraction(planned > 0 ? min(1, Double(day.done) / Double(planned)) : 0)
      }
    }
    for (offset, score) in HabitScore.series(scored, rate: rate).enumerated() {
      all[startOffset + offset].strength = score
    }
    strength = all[todayOffset].strength
    // Streaks: runs of days that keep one; today, still open, neither adds nor breaks, and a day with
    // nothing planned carries a streak on but does not start one (after a miss, it is no streak).
    var run = 0
    var best = 0
    for day in all[startOffset...todayOffset] {
      if day.kind == .notPlanned && run == 0 { continue }
      if day.kind.keepsStreak {
        run += 1
        best = max(best, run)
      } else if day.kind != .open {
        run = 0
      }
    }
    streak = (run, best)
    // This week, Monday to Sunday.
    let week = all[(today.monday.dayNumber - first.dayNumber)...]
    let done = week.reduce(0) { $0 + $1.done }
    let planned = week.reduce(0) { $0 + $1.planned }
    let left = week.reduce(0) { total, day in
      total + (day.date > today ? max(0, day.planned - day.done - day.skipped) : day.date == today ? day.open : 0)
    }
    let weekly = Self.isWeekly(exercise)
    let weekGoal = weekly ? min(goal ?? planned, planned) : planned - week.reduce(0) { $0 + $1.skipped }
    self.week = WeekProgress(
      done: done, goal: weekGoal, planned: planned, left: left, daysLeft: 7 - today.weekdayIndex, isWeekly: weekly)
    // Adherence over the range up to today; optional slots count only when done.
    var doneTotal = 0
    var plannedTotal = 0
    for day in all[max(0, from.dayNumber - first.dayNumber)...todayOffset] where day.date >= start {
      doneTotal += day.done
      plannedTotal +=
        day.kind == .goalMet || (day.kind == .done && day.done < day.planned - day.skipped)
        ? day.done : day.planned - day.skipped - day.open
    }
    adherence = plannedTotal > 0 ? Double(doneTotal) / Double(plannedTotal) : nil
    days = Array(all[max(0, from.dayNumber - first.dayNumber)...todayOffset])
  }

  /// Loop's frequency for an exercise: daily ones 1, every other day 1/2, a weekly goal of n n/7,
  /// daily slots on some weekdays only their count of days / 7.
  public static func rate(of exercise: Exercise) -> HabitScore.Rate {
    let weekdays = exercise.weekdays.map { Set($0).count } ?? 7
    switch exercise.timing {
    case .every(let frequency, _, _):
      switch frequency.period {
      case .day: return weekdays == 7 ? .daily : HabitScore.Rate(times: weekdays, days: 7)
      case .week: return HabitScore.Rate(times: max(1, min(frequency.goal, weekdays)), days: 7)
      case .everyOtherDay: return HabitScore.Rate(times: 1, days: 2)
      case .days(let n): return HabitScore.Rate(times: 1, days: n)
      case .weeks(let n): return HabitScore.Rate(times: max(1, min(frequency.goal, weekdays)), days: 7 * n)
      case .monthDays(let days): return HabitScore.Rate(times: 12 * days.count, days: 365)
      case .monthWeekday: return HabitScore.Rate(times: 12, days: 365)
      }
    case .at: return weekdays == 7 ? .daily : HabitScore.Rate(times: weekdays, days: 7)
    }
  }

  /// Whether the exercise is planned by the week ("twice a week").
  public static func isWeekly(_ exercise: Exercise) -> Bool {
    if case .every(let frequency, _, _) = exercise.timing { return frequency.period == .week }
    return false
  }
}
