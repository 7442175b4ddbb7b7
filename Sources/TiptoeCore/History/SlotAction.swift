import Foundation

/// The user's latest word on one slot, as sync shares it between devices: done, skipped, or a
/// done or skip taken back (`undone`), when it was said and on which device (nil: this one).
///
/// What the agent records (`fired`, `missed`) and snoozes stay on the device; they are no action.
///
///     let local = SlotAction.latest(in: history.events.filter { $0.slot == slot.id })
///     if let remote, remote.wins(over: local, localDevice: "laptop") { /* take the server's */ }
public struct SlotAction: Hashable, Sendable {
  public enum Outcome: String, Hashable, Sendable {
    case done, skipped, undone
  }

  public var outcome: Outcome
  public var at: Date
  public var device: String?

  public init(outcome: Outcome, at: Date, device: String? = nil) {
    self.outcome = outcome
    self.at = at
    self.device = device
  }

  /// The slot's latest action from its events (any order, other slots' events ignored by the
  /// caller): the standing done or skip, else `undone` when a done or skip was taken back; dated by
  /// the newest of those events. Nil when the user never decided the slot.
  public static func latest(in events: [HistoryEvent]) -> SlotAction? {
    let ordered = events.sorted { $0.id < $1.id }
    let byID = Dictionary(ordered.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let actions = ordered.filter { event in
      switch event.kind {
      case .done, .skipped: true
      case .undone: event.undoes.flatMap { byID[$0] }.map { $0.kind == .done || $0.kind == .skipped } ?? false
      default: false
      }
    }
    guard let newest = actions.max(by: { ($0.at, $0.id) < ($1.at, $1.id) }) else { return nil }
    let standing = HistoryEvent.standing(ordered).last { $0.kind.decidesStatus }
    let outcome: Outcome =
      switch standing?.kind {
      case .done: .done
      case .skipped: .skipped
      default: .undone
      }
    return SlotAction(outcome: outcome, at: newest.at, device: newest.device)
  }

  /// Whether this action (from elsewhere) replaces `other`, the local one: the newer wins; at the same
  /// second the larger device name wins (`localDevice` names this device), so every device agrees.
  public func wins(over other: SlotAction?, localDevice: String) -> Bool {
    guard let other else { return true }
    if at != other.at { return at > other.at }
    return (device ?? localDevice) > (other.device ?? localDevice)
  }
}
