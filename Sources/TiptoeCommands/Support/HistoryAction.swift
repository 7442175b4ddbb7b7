import Foundation
import TiptoeCore
import TiptoeStore

/// What done, skip and snooze share: choose the slots, append their events as one batch, and
/// say what happened in one line. Choosing and writing happen in one transaction, so concurrent
/// commands never act on the same slot twice; on any error nothing is written.
struct HistoryAction {
  enum Kind: Equatable {
    case done, skip
    case snooze(seconds: Int)
  }

  let kind: Kind
  let context: Context
  let planner: Planner
  /// The exercise named on the command line; nil means whatever is due.
  let exercise: Exercise?
  /// When it happened: now, or `done --at`.
  let at: Date

  init(_ kind: Kind, context: Context, exercise: Exercise?, at: Date? = nil) {
    self.kind = kind
    self.context = context
    self.planner = context.planner
    self.exercise = exercise
    self.at = at ?? context.now
  }

  /// Runs the action; returns the line to print.
  func run() throws -> String {
    let file = context.history
    let day = HistoryText.localDate(at, planner.timeZone)
    // No history yet: find out whether there is anything to act on before creating one.
    if !FileManager.default.fileExists(atPath: file.path) { _ = try choose(.empty(planner), day: day) }
    return try file.creatingIfMissing { store in
      try store.write { transaction in
        // A week either side of the day and of today: the horizon of weekly exercises, counts, the next slot.
        let first = min(day, context.today).adding(days: -7)
        let days = max(day, context.today).dayNumber + 8 - first.dayNumber
        let before = try transaction.history(planner, from: first, days: days)
        let slots = try choose(before, day: day)
        let after = before.appending(try transaction.append(slots.map(event)))
        return slots.map { describe($0, after) }.joined(separator: "; ")
      }
    }
  }

  // MARK: Choosing

  /// The slot's status when the user says they acted.
  func status(_ slot: Slot, _ history: History) -> SlotStatus { history.status(of: slot, now: at) }

  /// Open at `at`: its window (start to the exercise's next slot, or the day's end) holds `at`,
  /// and it is neither done nor skipped. Due and snoozed slots are open; so is one the agent gave
  /// up on while its window lasts. A bare `snooze` takes due slots only: a snoozed one stays put.
  func isOpen(_ slot: Slot, _ history: History, bare: Bool = false) -> Bool {
    guard slot.start <= at, at < planner.dueEnd(of: slot) else { return false }
    let status = status(slot, history)
    if case .snooze = kind { return bare ? status == .due : status == .due || status == .snoozed }
    return status != .done && status != .skipped
  }

  func choose(_ history: History, day: LocalDate) throws -> [Slot] {
    let today = planner.slots(around: day)
    guard let exercise else {
      let open = today.filter { isOpen($0, history, bare: true) }
      if open.isEmpty { throw nothingDue(history) }
      try checkSnoozes(open, history)
      return open
    }
    if let open = today.first(where: { $0.exercise == exercise.id && isOpen($0, history) }) {
      try checkSnoozes([open], history)
      return [open]
    }
    if case .snooze = kind { throw notDue(exercise, history) }
    let period = Self.period(of: exercise, around: day)
    let slots = planner.slots(from: period.start, days: period.end.dayNumber - period.start.dayNumber)
      .filter { $0.exercise == exercise.id }
    // An optional slot (the week has its goal) can still be done.
    let ahead = slots.first {
      $0.start > at && $0.date >= day && [.pending, .goalMet].contains(status($0, history))
    }
    let missed = slots.first { $0.start <= at && status($0, history) == .missed }
    // A weekly goal counts sessions: one done on any day of the week settles the week's oldest
    // open or missed slot. A daily exercise done early settles its next slot, else a missed one.
    let chosen = Self.isWeekly(exercise) ? missed ?? ahead : ahead ?? missed.flatMap { $0.date == day ? $0 : nil }
    guard let chosen else { throw nothingLeft(exercise, history, day: day) }
    return [chosen]
  }

  /// The limit the Snooze button keeps: after `maxSnoozes` snoozes, do it or skip it.
  func checkSnoozes(_ slots: [Slot], _ history: History) throws {
    guard case .snooze = kind else { return }
    let rules = context.rules
    guard let spent = slots.first(where: { !rules.canSnooze(history.record(of: $0)) }) else { return }
    let title = context.routine.exercise(id: spent.exercise)?.title ?? spent.exercise
    throw CLIError(
      message: "\(title) was snoozed \(rules.settings.maxSnoozes) times already, the limit; "
        + "do it or skip it: tiptoe done \(spent.exercise), tiptoe skip \(spent.exercise)", code: 1)
  }

  static func isWeekly(_ exercise: Exercise) -> Bool {
    if case .every(let frequency, _, _) = exercise.timing { return frequency.period == .week }
    return false
  }

  /// The dates an action on `day` may settle a slot of: `day` (and the next one for every other
  /// day), or the whole Monday-to-Sunday week of a weekly exercise; `end` is excluded.
  static func period(of exercise: Exercise, around day: LocalDate) -> (start: LocalDate, end: LocalDate) {
    isWeekly(exercise)
      ? (day.adding(days: -day.weekday.index), horizon(of: exercise, from: day))
      : (day, horizon(of: exercise, from: day))
  }

  /// The first date after the period `day` is in: the next day for daily exercises, the next Monday for
  /// weekly ones, the day after tomorrow for every-other-day ones.
  static func horizon(of exercise: Exercise, from day: LocalDate) -> LocalDate {
    guard case .every(let frequency, _, _) = exercise.timing else { return day.adding(days: 1) }
    switch frequency.period {
    case .day: return day.adding(days: 1)
    case .week: return day.adding(days: 7 - day.weekday.index)
    case .everyOtherDay: return day.adding(days: 2)
    case .days(let n): return day.adding(days: n)
    case .weeks: return day.adding(days: 7 - day.weekday.index)
    case .monthDays, .monthWeekday: return day.adding(days: 1)
    }
  }

  func event(for slot: Slot) -> NewEvent {
    switch kind {
    case .done: .done(slot, at: at)
    case .skip: .skipped(slot, at: at)
    case .snooze(let seconds): .snoozed(slot, at: at, until: at.addingTimeInterval(Double(seconds)))
    }
  }

  // MARK: Saying what happened

  func describe(_ slot: Slot, _ history: History) -> String {
    let title = context.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
    let day = HistoryText.localDate(at, planner.timeZone)
    let time =
      (slot.date == day ? "" : DateText.heading(slot.date) + " ") + HistoryText.clock(slot.start, planner.timeZone)
    let progress = HistoryText.progress(of: slot, history, context: context).map { " (\($0))" } ?? ""
    // Ahead of its time, for a slot that passed (a missed one), or for the slot due at `at`.
    let relation = slot.start > at ? "ahead of \(time)" : at >= planner.dueEnd(of: slot) ? "for \(time)" : nil
    switch kind {
    case .done:
      return "\(title) done" + (relation.map { " " + $0 } ?? "") + progress
    case .skip:
      return "\(title) at \(time) skipped" + (slot.start > at ? " ahead" : "") + progress
    case .snooze(let seconds):
      let until = at.addingTimeInterval(Double(seconds))
      let zone = planner.timeZone
      var line = "\(title) snoozed until \(HistoryText.clock(until, zone, from: day)) (\(DurationText.span(seconds)))"
      let end = planner.dueEnd(of: slot)
      if until >= end {
        line += "; it counts as missed from \(HistoryText.clock(end, zone, from: day)), when the next one is due"
      }
      return line
    }
  }

  var verb: String {
    switch kind {
    case .done: "done"
    case .skip: "skip"
    case .snooze: "snooze"
    }
  }

  func nothingDue(_ history: History) -> CLIError {
    let when =
      at == context.now ? "nothing is due now" : "nothing was due at \(HistoryText.clock(at, planner.timeZone))"
    guard let next = HistoryText.nextOpen(history, context: context) else {
      return CLIError(message: "\(when), and nothing is planned in the next 7 days", code: 1)
    }
    let title = context.routine.exercise(id: next.exercise)?.title ?? next.exercise
    let nextText = "next: \(title) at \(HistoryText.when(next.start, context: context))"
    if case .snooze = kind {
      return CLIError(message: "\(when) (snooze puts off a due reminder); \(nextText)", code: 1)
    }
    let anyway = kind == .done ? "to mark it done anyway" : "to skip it anyway"
    return CLIError(message: "\(when); \(nextText); \(anyway): tiptoe \(verb) \(next.exercise)", code: 1)
  }

  func notDue(_ exercise: Exercise, _ history: History) -> CLIError {
    let next = HistoryText.nextOpen(history, context: context, exercise: exercise.id)
    let nextText = next.map { "; next: \(HistoryText.when($0.start, context: context))" } ?? ""
    return CLIError(message: "\(exercise.title) is not due now\(nextText) (snooze puts off a due reminder)", code: 1)
  }

  func nothingLeft(_ exercise: Exercise, _ history: History, day: LocalDate) -> CLIError {
    let period = Self.isWeekly(exercise) ? "this week" : day == context.today ? "today" : "that day"
    let next = HistoryText.nextOpen(history, context: context, exercise: exercise.id)
    let nextText =
      next.map { "; the next one is \(HistoryText.when($0.start, context: context))" } ?? ""
    return CLIError(
      message: "\(exercise.title): every slot \(period) is already done or skipped\(nextText)", code: 1)
  }
}
