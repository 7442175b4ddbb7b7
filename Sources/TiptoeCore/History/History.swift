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
  public let records: [String: SlotRecord]
  /// Pauses, resumes and their undo events.
  public let pauseEvents: [HistoryEvent]
  /// The events it was read from.
  public let events: [HistoryEvent]
  /// The same records by exercise and local date.
  public let recordsByDay: RecordsByDay
  /// The weekly goals and how far each week is (`isOptional(_:)`).
  public let goals: WeeklyGoals

  /// `events` may hold any events; those tied to no slot count as pause events when
  /// `pauseEvents` is not given.
  public init(planner: Planner, events: [HistoryEvent], pauseEvents: [HistoryEvent]? = nil) {
    self.planner = planner
    self.events = events
    records = SlotRecord.build(from: events)
    recordsByDay = RecordsByDay(records)
    goals = WeeklyGoals(routine: planner.routine, records: recordsByDay)
    self.pauseEvents = pauseEvents ?? events.filter { $0.slot == nil }
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

  /// Whether reminders are paused at `now`.
  public func pause(at now: Date) -> PauseState { PauseState(events: pauseEvents, now: now) }

  /// This history with `appended` written after its events.
  public func appending(_ appended: [HistoryEvent]) -> History {
    History(planner: planner, events: events + appended, pauseEvents: pauseEvents + appended.filter { $0.slot == nil })
  }
}

extension History {
  /// This history as it is once the agent has carried out `decision` at `at`: the reminders shown
  /// (`fired`) and the slots given up (`missed`).
  public func recording(_ decision: ReminderDecision, at: Date) -> History {
    let events = decision.events(at: at)
    let first = (self.events.map(\.id).max() ?? 0) + (pauseEvents.map(\.id).max() ?? 0) + 1
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
