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
    defer { HistoryAccess.closeAll() }  // before the caller prints the line
    let store: HistoryStore
    if let existing = try HistoryAccess.openForReading() {
      store = existing
    } else {
      // No history yet: find out whether there is anything to act on before creating one.
      _ = try choose(SlotStatuses(planner: planner, events: []), day: HistoryText.localDate(at, planner.timeZone))
      store = try HistoryAccess.openForWriting()
    }
    return try HistoryAccess.io {
      try store.write { transaction in
        let day = HistoryText.localDate(at, planner.timeZone)
        // A week either side of the day and of today: the horizon of weekly exercises, counts, the next slot.
        let first = min(day, context.today).adding(days: -7)
        let days = max(day, context.today).dayNumber + 8 - first.dayNumber
        let events = try HistoryAccess.events(transaction, planner: planner, from: first, days: days)
        let before = SlotStatuses(planner: planner, events: events)
        let slots = try choose(before, day: day)
        let appended = try transaction.append(slots.map(event))
        let after = SlotStatuses(planner: planner, events: events + appended)
        return slots.map { describe($0, after) }.joined(separator: "; ")
      }
    }
  }

  // MARK: Choosing

  /// Open at `at`: its window (start to the exercise's next slot, or the day's end) holds `at`,
  /// and it is neither done nor skipped. Due and snoozed slots are open; so is one the agent gave
  /// up on while its window lasts.
  func isOpen(_ slot: Slot, _ statuses: SlotStatuses) -> Bool {
    guard slot.start <= at, at < planner.dueEnd(of: slot) else { return false }
    let status = statuses.status(of: slot, now: at)
    return status != .done && status != .skipped
  }

  func choose(_ statuses: SlotStatuses, day: LocalDate) throws -> [Slot] {
    let today = planner.slots(on: day)
    guard let exercise else {
      let open = today.filter { isOpen($0, statuses) }
      if open.isEmpty { throw nothingDue(statuses) }
      return open
    }
    if let open = today.first(where: { $0.exercise == exercise.id && isOpen($0, statuses) }) { return [open] }
    if case .snooze = kind { throw notDue(exercise, statuses) }
    // Done or skipped ahead of time: settles the exercise's next slot within its period.
    let horizon = Self.horizon(of: exercise, from: day)
    let upcoming = planner.slots(from: day, days: horizon.dayNumber - day.dayNumber).first {
      $0.exercise == exercise.id && $0.start > at && statuses.status(of: $0, now: at) == .pending
    }
    guard let upcoming else { throw nothingLeft(exercise, statuses, day: day) }
    return [upcoming]
  }

  /// The first date after the period `day` is in: the next day for daily exercises, the next Monday for
  /// weekly ones, the day after tomorrow for every-other-day ones.
  static func horizon(of exercise: Exercise, from day: LocalDate) -> LocalDate {
    guard case .every(let frequency, _) = exercise.timing else { return day.adding(days: 1) }
    switch frequency.period {
    case .day: return day.adding(days: 1)
    case .week: return day.adding(days: 7 - day.weekday.index)
    case .everyOtherDay: return day.adding(days: 2)
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

  func describe(_ slot: Slot, _ statuses: SlotStatuses) -> String {
    let title = context.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
    let day = HistoryText.localDate(at, planner.timeZone)
    let time =
      (slot.date == day ? "" : DateText.heading(slot.date) + " ") + HistoryText.clock(slot.start, planner.timeZone)
    let progress = HistoryText.progress(of: slot, statuses, context: context, planner: planner).map { " (\($0))" } ?? ""
    switch kind {
    case .done:
      return slot.start > at ? "\(title) done ahead of \(time)\(progress)" : "\(title) done\(progress)"
    case .skip:
      return slot.start > at ? "\(title) at \(time) skipped ahead\(progress)" : "\(title) at \(time) skipped\(progress)"
    case .snooze(let seconds):
      let until = at.addingTimeInterval(Double(seconds))
      let zone = planner.timeZone
      var line = "\(title) snoozed until \(HistoryText.clock(until, zone, from: day)) (\(HistoryText.span(seconds)))"
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

  func nothingDue(_ statuses: SlotStatuses) -> CLIError {
    let when =
      at == context.now ? "nothing is due now" : "nothing was due at \(HistoryText.clock(at, planner.timeZone))"
    guard let next = HistoryText.nextOpen(statuses, context: context, planner: planner) else {
      return CLIError(message: "\(when), and nothing is planned in the next 7 days", code: 1)
    }
    let title = context.routine.exercise(id: next.exercise)?.title ?? next.exercise
    let nextText = "next: \(title) at \(HistoryText.when(next.start, context: context, planner: planner))"
    if case .snooze = kind {
      return CLIError(message: "\(when) (snooze puts off a due reminder); \(nextText)", code: 1)
    }
    let anyway = kind == .done ? "to mark it done anyway" : "to skip it anyway"
    return CLIError(message: "\(when); \(nextText); \(anyway): tiptoe \(verb) \(next.exercise)", code: 1)
  }

  func notDue(_ exercise: Exercise, _ statuses: SlotStatuses) -> CLIError {
    let next = HistoryText.nextOpen(statuses, context: context, planner: planner, exercise: exercise.id)
    let nextText = next.map { "; next: \(HistoryText.when($0.start, context: context, planner: planner))" } ?? ""
    return CLIError(message: "\(exercise.title) is not due now\(nextText) (snooze puts off a due reminder)", code: 1)
  }

  func nothingLeft(_ exercise: Exercise, _ statuses: SlotStatuses, day: LocalDate) -> CLIError {
    let horizon = Self.horizon(of: exercise, from: day)
    let period = horizon.dayNumber - day.dayNumber > 2 ? "this week" : day == context.today ? "today" : "that day"
    let next = HistoryText.nextOpen(statuses, context: context, planner: planner, exercise: exercise.id)
    let nextText =
      next.map { "; the next one is \(HistoryText.when($0.start, context: context, planner: planner))" } ?? ""
    return CLIError(
      message: "\(exercise.title): nothing left to mark \(period), every slot is settled\(nextText). "
        + "To record one that passed, say when: tiptoe done \(exercise.id) --at HH:MM", code: 1)
  }
}
