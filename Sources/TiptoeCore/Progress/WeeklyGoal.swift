import Foundation

/// Weekly goals below the planned count ("twice or three times a week": goal 2, 3 planned): once a
/// Monday-to-Sunday week has its goal done, the week's remaining slots are optional.
public struct WeeklyGoals: Hashable, Sendable {
  /// The goal of each exercise that has one below its planned count, by exercise id.
  public let goals: [String: Int]
  /// Done slots of those exercises, by exercise and the week's Monday.
  private(set) var done: [WeekKey: Int]

  struct WeekKey: Hashable, Sendable {
    let exercise: String
    let monday: Int
  }

  /// The goals of `routine`, counted over a history's records.
  public init(routine: Routine, records: RecordsByDay) {
    var goals: [String: Int] = [:]
    for exercise in routine.exercises {
      if let goal = Self.goal(of: exercise) { goals[exercise.id] = goal }
    }
    self.goals = goals
    var done: [WeekKey: Int] = [:]
    if !goals.isEmpty {
      for (exercise, date, records) in records.all where goals[exercise] != nil {
        let count = records.count { $0.record.decision == .done }
        if count > 0 { done[WeekKey(exercise: exercise, monday: date.monday.dayNumber), default: 0] += count }
      }
    }
    self.done = done
  }

  /// Counts the slot `id` as `new` where it counted as `old` (nil: no record).
  mutating func update(_ id: String, from old: SlotRecord?, to new: SlotRecord?) {
    let change = (new?.decision == .done ? 1 : 0) - (old?.decision == .done ? 1 : 0)
    guard change != 0, let (exercise, date, _) = Slot.parts(ofID: id), goals[exercise] != nil else { return }
    let key = WeekKey(exercise: exercise, monday: date.monday.dayNumber)
    let count = (done[key] ?? 0) + change
    done[key] = count > 0 ? count : nil
  }

  /// The goal of a weekly exercise whose phrase sets one below the planned count, else nil.
  public static func goal(of exercise: Exercise) -> Int? {
    guard case .every(let frequency, _, _) = exercise.timing, frequency.period == .week,
      frequency.goal < frequency.times
    else { return nil }
    return frequency.goal
  }

  /// How many slots of `exercise` were done in the week of `date`.
  public func doneInWeek(of exercise: String, _ date: LocalDate) -> Int {
    done[WeekKey(exercise: exercise, monday: date.monday.dayNumber)] ?? 0
  }

  /// Whether the week of `date` has the exercise's goal done (false for exercises without one).
  public func isMet(_ exercise: String, week date: LocalDate) -> Bool {
    guard !done.isEmpty, let goal = goals[exercise] else { return false }
    return doneInWeek(of: exercise, date) >= goal
  }
}

extension LocalDate {
  /// The Monday of this date's ISO week.
  public var monday: LocalDate { adding(days: -weekdayIndex) }
}

extension History {
  /// Whether `slot` is optional: its week has its exercise's goal, and it is neither done, skipped
  /// nor given up. The agent neither reminds of it nor logs it missed; the user may still do it.
  public func isOptional(_ slot: Slot) -> Bool {
    guard goals.isMet(slot.exercise, week: slot.date) else { return false }
    return !record(of: slot).isSettled
  }
}
