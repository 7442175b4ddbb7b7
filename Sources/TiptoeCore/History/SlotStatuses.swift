import Foundation

/// The statuses of planned slots given the history: events indexed by slot, windows from the planner.
///
///     let events = try store.events(forSlotsFrom: planner.dayStart(today), to: planner.dayStart(today.adding(days: 1)))
///     let statuses = SlotStatuses(planner: planner, events: events)
///     for slot in planner.slots(on: today) { print(slot.id, statuses.status(of: slot, now: now)) }
public struct SlotStatuses: Sendable {
  public let planner: Planner
  private let bySlot: [String: [HistoryEvent]]
  /// The local dates of the slots that have events: most slots have none, and need no id built.
  /// Sorted day numbers, searched in halves (a `Set`'s first use costs a conformance scan).
  private let dates: [Int]

  /// `events` may hold any events (other slots', pauses); they are sorted by id here, unless they
  /// come so from the store. (Sorting's first use in a process costs a conformance scan.)
  public init(planner: Planner, events: [HistoryEvent]) {
    self.planner = planner
    var inOrder = true
    var index = 1
    while inOrder && index < events.count {
      inOrder = events[index - 1].id < events[index].id
      index += 1
    }
    var bySlot: [String: [HistoryEvent]] = [:]
    for event in inOrder ? events : events.sorted(by: { $0.id < $1.id }) {
      if let slot = event.slot { bySlot[slot, default: []].append(event) }
    }
    self.bySlot = bySlot
    var dates: [Int] = []
    for id in bySlot.keys {
      if let day = Slot.date(ofID: id)?.dayNumber { dates.insertSorted(day) }
    }
    self.dates = dates
  }

  /// The slot's own events, in append order (undo events included).
  public func events(of slot: Slot) -> [HistoryEvent] {
    dates.containsSorted(slot.date.dayNumber) ? bySlot[slot.id] ?? [] : []
  }

  /// The slot's status at `now`.
  public func status(of slot: Slot, now: Date) -> SlotStatus {
    let events = events(of: slot)
    // Without events the clock alone decides; a window never outlasts the local day (at most 26 h).
    if events.isEmpty && now < slot.start { return .pending }
    if events.isEmpty && now.timeIntervalSince(slot.start) >= 26 * 3600 { return .missed }
    return SlotStatus(start: slot.start, dueEnd: planner.dueEnd(of: slot), events: events, now: now)
  }
}

extension Planner {
  /// When `slot` stops being due: the start of the same exercise's next slot on its date,
  /// else the end of its local day.
  public func dueEnd(of slot: Slot) -> Date {
    // The slot's ordinal is its position in its pattern's sorted times, so the next time is at `ordinal`.
    let indexed =
      slot.exerciseIndex < routine.exercises.count && routine.exercises[slot.exerciseIndex].id == slot.exercise
    if let index = indexed ? slot.exerciseIndex : routine.exercises.firstIndex(where: { $0.id == slot.exercise }),
      slot.ordinal < patterns[index].times.count
    {
      return resolver.resolve(slot.date, patterns[index].times[slot.ordinal]).start
    }
    return dayStart(slot.date.adding(days: 1))
  }

  /// The first instant of a local date in the planner's zone.
  public func dayStart(_ date: LocalDate) -> Date {
    resolver.resolve(date, LocalTime(secondsOfDay: 0)).start
  }
}
