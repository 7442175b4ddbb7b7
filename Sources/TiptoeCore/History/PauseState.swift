import Foundation

/// Whether reminders are paused, derived from the `paused` and `resumed` events.
public enum PauseState: Hashable, Sendable {
  case running
  /// Paused until an instant, or until resumed (nil).
  case paused(until: Date?)

  /// The newest `paused` or `resumed` event not taken back decides; a pause whose `until`
  /// has passed is over. `events` may hold any events.
  public init(events: [HistoryEvent], now: Date) {
    let newest = HistoryEvent.standing(events).filter { $0.kind == .paused || $0.kind == .resumed }
      .max { $0.id < $1.id }
    guard let newest, newest.kind == .paused else {
      self = .running
      return
    }
    if let until = newest.until, until <= now {
      self = .running
    } else {
      self = .paused(until: newest.until)
    }
  }
}
