import Foundation

/// What a history event records.
public enum EventKind: String, Hashable, Sendable, CaseIterable {
  /// The user did the slot's exercise (before, at or after its start).
  case done
  /// The user chose not to do it.
  case skipped
  /// The user put it off until `until`.
  case snoozed
  /// The agent showed its reminder.
  case fired
  /// The agent saw it pass without an answer (machine off or asleep, or nobody answered).
  case missed
  /// Takes back the event `undoes`.
  case undone
  /// Reminders are paused until `until` (nil: until resumed). Not tied to a slot.
  case paused
  /// Reminders run again. Not tied to a slot.
  case resumed

  /// The kinds `undo` takes back: what the user decided, never what the agent recorded.
  public var isUndoable: Bool {
    switch self {
    case .done, .skipped, .snoozed, .paused, .resumed: true
    case .fired, .missed, .undone: false
    }
  }

  /// The kinds that decide a slot's status (the newest one that was not undone wins).
  public var decidesStatus: Bool {
    switch self {
    case .done, .skipped, .snoozed, .missed: true
    case .fired, .undone, .paused, .resumed: false
    }
  }
}

/// One entry of the append-only history, as stored.
///
/// Slot events carry the slot's id, exercise and start; an `undone` event
/// carries those of the event it takes back, so a slot's events are found
/// together.
public struct HistoryEvent: Hashable, Sendable, Identifiable {
  /// Increasing in the order events were appended.
  public let id: Int64
  /// The id of the first event appended with this one: one command or one
  /// notification button is one batch, and `undo` takes back a whole batch.
  public let batch: Int64
  public let kind: EventKind
  /// The slot id, `toe-presses/2026-11-23/1`; nil for pause and resume.
  public let slot: String?
  /// The exercise id; nil for pause and resume.
  public let exercise: String?
  /// When it happened (for `done --at`, when the user says they did it).
  public let at: Date
  /// The start of the slot it refers to.
  public let slotStart: Date?
  /// The end of a snooze or a pause.
  public let until: Date?
  /// For `undone`: the id of the event taken back.
  public let undoes: Int64?
  /// The device it came from through sync (`tiptoe sync`); nil when it happened on this one.
  public let device: String?

  public init(
    id: Int64, batch: Int64, kind: EventKind, slot: String?, exercise: String?, at: Date,
    slotStart: Date?, until: Date? = nil, undoes: Int64? = nil, device: String? = nil
  ) {
    self.id = id
    self.batch = batch
    self.kind = kind
    self.slot = slot
    self.exercise = exercise
    self.at = at
    self.slotStart = slotStart
    self.until = until
    self.undoes = undoes
    self.device = device
  }
}

/// An event to append: a `HistoryEvent` before the store gives it an id.
///
///     try store.append([.done(slot, at: now)])
public struct NewEvent: Hashable, Sendable {
  public let kind: EventKind
  public let slot: String?
  public let exercise: String?
  public let at: Date
  public let slotStart: Date?
  public let until: Date?
  public let undoes: Int64?
  /// The device it came from; nil for this one.
  public let device: String?

  public init(
    kind: EventKind, slot: String?, exercise: String?, at: Date, slotStart: Date?, until: Date? = nil,
    undoes: Int64? = nil, device: String? = nil
  ) {
    self.kind = kind
    self.slot = slot
    self.exercise = exercise
    self.at = at
    self.slotStart = slotStart
    self.until = until
    self.undoes = undoes
    self.device = device
  }

  /// `slot` was done at `at`.
  public static func done(_ slot: Slot, at: Date) -> NewEvent { .init(slot, .done, at) }
  /// `slot` was skipped at `at`.
  public static func skipped(_ slot: Slot, at: Date) -> NewEvent { .init(slot, .skipped, at) }
  /// `slot` was put off at `at` until `until`.
  public static func snoozed(_ slot: Slot, at: Date, until: Date) -> NewEvent { .init(slot, .snoozed, at, until) }
  /// The agent showed `slot`'s reminder at `at`.
  public static func fired(_ slot: Slot, at: Date) -> NewEvent { .init(slot, .fired, at) }
  /// The agent recorded `slot` as missed at `at`.
  public static func missed(_ slot: Slot, at: Date) -> NewEvent { .init(slot, .missed, at) }
  /// Reminders paused at `at` until `until` (nil: until resumed).
  public static func paused(at: Date, until: Date?) -> NewEvent {
    NewEvent(kind: .paused, slot: nil, exercise: nil, at: at, slotStart: nil, until: until)
  }
  /// Reminders resumed at `at`.
  public static func resumed(at: Date) -> NewEvent {
    NewEvent(kind: .resumed, slot: nil, exercise: nil, at: at, slotStart: nil)
  }
  /// Takes back `event` at `at`; keeps its slot so the slot's events stay together.
  public static func undoing(_ event: HistoryEvent, at: Date) -> NewEvent {
    NewEvent(
      kind: .undone, slot: event.slot, exercise: event.exercise, at: at, slotStart: event.slotStart,
      undoes: event.id)
  }

  private init(_ slot: Slot, _ kind: EventKind, _ at: Date, _ until: Date? = nil) {
    self.init(kind: kind, slot: slot.id, exercise: slot.exercise, at: at, slotStart: slot.start, until: until)
  }
}
