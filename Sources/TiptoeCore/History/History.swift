import Foundation

/// The history of a stretch of slots, read once: each slot's record and the pause.
///
/// Every status the command line prints, every choice `done`, `skip`, `snooze` and `undo` make,
/// and every decision of the agent come from here.
///
///     let history = History(planner: planner, events: try store.events(forSlotsFrom: start, to: end),
///                           pauseEvents: try store.pauseEvents())
///     for slot in planner.slots(on: today) { print(slot.id, history.status(of: slot, now: now)) }
public struct History: Sendable {
  public let planner: Planner
  /// Each slot's record, by slot id; a slot with no events has none.
  public private(set) var records: [String: SlotRecord]
  /// Pauses, resumes and their undo events.
  public private(set) var pauseEvents: [HistoryEvent]
  /// The events it was read from.
  public private(set) var events: [HistoryEvent]
  /// The same records by exercise and local date.
  public private(set) var recordsByDay: RecordsByDay
  /// The weekly goals and how far each week is (`isOptional(_:)`).
  public private(set) var goals: WeeklyGoals
  /// The ids of the records that are not settled (shown or snoozed, and not yet done, skipped or missed).
  public private(set) var unsettled: Set<String>
  /// The newest event's id (0 with none).
  private var newestID: Int64

  /// `events` may hold any events; those tied to no slot count as pause events when
  /// `pauseEvents` is not given.
  public init(planner: Planner, events: [HistoryEvent], pauseEvents: [HistoryEvent]? = nil) {
    self.planner = planner
    self.events = events
    records = SlotRecord.build(from: events)
    recordsByDay = RecordsByDay(records)
    goals = WeeklyGoals(routine: planner.routine, records: recordsByDay)
    unsettled = Set(records.lazy.filter { !$0.value.isSettled }.map(\.key))
    self.pauseEvents = pauseEvents ?? events.filter { $0.slot == nil }
    newestID = max(events.lazy.map(\.id).max() ?? 0, self.pauseEvents.last?.id ?? 0)
  }

  /// No events at all: the clock alone decides.
  public static func empty(_ planner: Planner) -> History { History(planner: planner, events: []) }

  /// The slot's record (an empty one when it has no events).
  public func record(of slot: Slot) -> SlotRecord {
    !records.isEmpty && recordsByDay.dates.contains(slot.date) ? records[slot.id] ?? SlotRecord() : SlotRecord()
  }

  /// The slot's status at `now`: `goalMet` for an optional slot (`isOptional(_:)`).
  public func status(of slot: Slot, now: Date) -> SlotStatus {
    let record = record(of: slot)
    if !record.isSettled && goals.isMet(slot.exercise, week: slot.date) { return .goalMet }
    return record.status(start: slot.start, dueEnd: planner.dueEnd(of: slot), now: now)
  }

  /// The slots listed for `date` (`Planner.slots(around:)`) that are due at `now`: what the overview
  /// and `status` call "Due now".
  public func due(around date: LocalDate, now: Date) -> [Slot] {
    planner.slots(around: date).filter { status(of: $0, now: now) == .due }
  }

  /// Whether reminders are paused at `now`.
  public func pause(at now: Date) -> PauseState { PauseState(events: pauseEvents, now: now) }

  /// This history with `appended` written after its events.
  public func appending(_ appended: [HistoryEvent]) -> History {
    var history = self
    history.append(appended)
    return history
  }

  /// Folds in `appended`, events written after this history's own, in append order: only the slots
  /// they touch are read again, so a history kept up to date costs what its new events cost. The
  /// result equals the history read with them from the start.
  public mutating func append(_ appended: [HistoryEvent]) {
    guard let first = appended.first else { return }
    guard first.id > newestID, zip(appended, appended.dropFirst()).allSatisfy({ $0.id < $1.id }) else {
      self = History(
        planner: planner, events: events + appended, pauseEvents: pauseEvents + appended.filter { $0.slot == nil })
      return
    }
    newestID = appended.last!.id
    for event in appended {
      events.append(event)
      guard let slot = event.slot else {
        pauseEvents.append(event)
        continue
      }
      let old = records[slot]
      let record: SlotRecord?
      if event.kind == .undone {
        // The slot as it was before the undone event: its events folded again.
        record = SlotRecord.build(from: events.filter { $0.slot == slot })[slot]
      } else {
        var applied = old ?? SlotRecord()
        applied.apply(event)
        record = applied
      }
      records[slot] = record
      if record?.isSettled == false { unsettled.insert(slot) } else { unsettled.remove(slot) }
      recordsByDay.update(slot, to: record)
      goals.update(slot, from: old, to: record)
    }
  }
}

extension History {
  /// This history as it is once the agent has carried out `decision` at `at`: the reminders shown
  /// (`fired`) and the slots given up (`missed`).
  public func recording(_ decision: ReminderDecision, at: Date) -> History {
    let events = decision.events(at: at)
    let first = newestID + 1
    return appending(
      events.enumerated().map { offset, event in
        HistoryEvent(
          id: first + Int64(offset), batch: first, kind: event.kind, slot: event.slot, exercise: event.exercise,
          at: event.at, slotStart: event.slotStart, until: event.until, undoes: event.undoes)
      })
  }
}

extension Planner {
  /// When `slot` stops being due: the start of the same exercise's next slot on its date,
  /// else the end of its local day (of the next day, for a slot on the morning after its date).
  public func dueEnd(of slot: Slot) -> Date {
    // The slot's ordinal is its position in its pattern's sorted times, so the next time is at `ordinal`.
    let indexed =
      slot.exerciseIndex < routine.exercises.count && routine.exercises[slot.exerciseIndex].id == slot.exercise
    if let index = indexed ? slot.exerciseIndex : routine.exercises.firstIndex(where: { $0.id == slot.exercise }),
      case let times = patterns[index].times(on: slot.date), slot.ordinal < times.count
    {
      return resolver(ofExercise: index).resolve(slot.date, times[slot.ordinal]).start
    }
    // The end of the day in the zone of the slot's routine.
    let zone = indexed ? resolver(ofExercise: slot.exerciseIndex) : resolver
    return zone.resolve(slot.date.adding(days: slot.nextDay ? 2 : 1), LocalTime(secondsOfDay: 0)).start
  }

  /// The first instant of a local date in the planner's zone.
  public func dayStart(_ date: LocalDate) -> Date {
    resolver.resolve(date, LocalTime(secondsOfDay: 0)).start
  }
}
