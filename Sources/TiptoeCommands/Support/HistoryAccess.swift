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
    try io { try HistoryStore.openIfPresent(path: path) }.map(keptUntilExit)
  }

  /// The history, created on first use.
  static func openForWriting() throws -> HistoryStore {
    keptUntilExit(try io { try HistoryStore.open(path: path) })
  }

  /// Runs `body` on the history if there is one (nil when there is none), then closes it, as soon as
  /// the command is done with it: a process ended by a signal (SIGPIPE once `tiptoe log | head` stops
  /// reading) runs no exit handler.
  static func reading<T>(_ body: (HistoryStore) throws -> T) throws -> T? {
    guard let store = try openForReading() else { return nil }
    defer { closeAll() }
    return try io { try body(store) }
  }

  /// Runs `body` on the history, created on first use, then closes it (see `reading`).
  static func writing<T>(_ body: (HistoryStore) throws -> T) throws -> T {
    let store = try openForWriting()
    defer { closeAll() }
    return try io { try body(store) }
  }

  /// The stores this process opened. A command's process ends right after the command, so rather
  /// than releasing them (GRDB's `DatabaseQueue` deinit unregisters from `NotificationCenter`, 8 % of
  /// bare `tiptoe`'s instructions), they are closed (`closeAll`) and kept until the process ends;
  /// an exit handler closes any a command left open.
  nonisolated(unsafe) private static var opened: [HistoryStore] = []

  private static func keptUntilExit(_ store: HistoryStore) -> HistoryStore {
    if opened.isEmpty { atexit { HistoryAccess.closeAll() } }
    opened.append(store)
    return store
  }

  /// Closes every store this process opened (again is harmless); the last connection to the file
  /// checkpoints it. The stores stay in `opened`: releasing them is what this saves.
  static func closeAll() {
    for store in opened { try? store.close() }
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
    let window = slotWindow(planner, from: from, days: days)
    let events = try reading { try $0.events(forSlotsFrom: window.start, to: window.end) }
    return SlotStatuses(planner: planner, events: events ?? [])
  }

  /// A status closure for `PlanPrinter`.
  static func statusFunction(_ context: Context, from: LocalDate, days: Int) throws -> (Slot) -> SlotStatus {
    let statuses = try statuses(context, from: from, days: days)
    let now = context.now
    return { statuses.status(of: $0, now: now) }
  }
}
