import TiptoeCore

/// Whether anybody is there to see a reminder, as the agent's presence monitor last heard it: for each
/// reason a hold can have, yes (true), no (false) or unknown (nil: no desktop service says).
public struct Presence: Codable, Equatable, Sendable {
  public var locked: Bool?
  public var away: Bool?
  public var doNotDisturb: Bool?

  public init(locked: Bool? = nil, away: Bool? = nil, doNotDisturb: Bool? = nil) {
    self.locked = locked
    self.away = away
    self.doNotDisturb = doNotDisturb
  }

  public subscript(reason: ReminderHold.Reason) -> Bool? {
    get {
      switch reason {
      case .locked: locked
      case .away: away
      case .doNotDisturb: doNotDisturb
      }
    }
    set {
      switch reason {
      case .locked: locked = newValue
      case .away: away = newValue
      case .doNotDisturb: doNotDisturb = newValue
      }
    }
  }

  /// The reasons that are on now.
  public var holding: [ReminderHold.Reason] { ReminderHold.Reason.allCases.filter { self[$0] == true } }

  /// `locked yes, away no, do-not-disturb unknown`.
  public var summary: String {
    ReminderHold.Reason.allCases.map { reason in
      "\(reason.rawValue) " + (self[reason].map { $0 ? "yes" : "no" } ?? "unknown")
    }.joined(separator: ", ")
  }
}
