import Foundation
import TiptoeCore
import TiptoeStore

/// How commands reach the history: open it only when needed, never create it just to read,
/// and report store errors as I/O errors (exit 74).
enum HistoryAccess {
  /// `$XDG_STATE_HOME/tiptoe/tiptoe.sqlite`.
  static var path: String { HistoryStore.defaultPath() }

  /// The history if there is one; nil otherwise (a missing file is an empty history). Creates nothing.
  static func openForReading() throws -> HistoryStore? {
    try io { try HistoryStore.openIfPresent(path: path) }
  }

  /// The history, created on first use.
  static func openForWriting() throws -> HistoryStore {
    try io { try HistoryStore.open(path: path) }
  }

  /// Runs `body`, turning the store's errors into I/O errors for the command line.
  static func io<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw CLIError.io(error.localizedDescription)
    }
  }

  /// The events of slots planned on `days` dates from `from` (with a day's margin either side,
  /// so events still count when the routine's times moved).
  static func events(_ transaction: HistoryTransaction, planner: Planner, from: LocalDate, days: Int) throws
    -> [HistoryEvent]
  {
    let window = slotWindow(planner, from: from, days: days)
    return try transaction.events(forSlotsFrom: window.start, to: window.end)
  }

  /// The instants whose slots' events matter for `days` dates from `from`: a day's margin either side.
  static func slotWindow(_ planner: Planner, from: LocalDate, days: Int) -> (start: Date, end: Date) {
    (planner.dayStart(from.adding(days: -1)), planner.dayStart(from.adding(days: days + 1)))
  }

  /// Statuses of the slots of `days` dates from `from`; the clock alone decides when there is no history.
  static func statuses(_ context: Context, from: LocalDate, days: Int) throws -> SlotStatuses {
    let planner = context.planner
    guard let store = try openForReading() else { return SlotStatuses(planner: planner, events: []) }
    let window = slotWindow(planner, from: from, days: days)
    let events = try io { try store.events(forSlotsFrom: window.start, to: window.end) }
    return SlotStatuses(planner: planner, events: events)
  }

  /// A status closure for `PlanPrinter`.
  static func statusFunction(_ context: Context, from: LocalDate, days: Int) throws -> (Slot) -> SlotStatus {
    let statuses = try statuses(context, from: from, days: days)
    let now = context.now
    return { statuses.status(of: $0, now: now) }
  }
}
