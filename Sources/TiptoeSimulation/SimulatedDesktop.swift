import Foundation
import TiptoeCore
import TiptoeNotify
import TiptoeService

import TiptoeAgent

/// The agent's timer in a simulation: it only remembers the instant it is armed for; the
/// simulation's clock jumps there.
package final class VirtualTimer: AgentTimer {
  package init() {}
  package private(set) var armed: Date?

  package func arm(at instant: Date?) throws { armed = instant }

  /// The timer fired (timerfds are one-shot).
  package func expire() { armed = nil }
}

/// A notification server that records what is shown and can press the buttons, as a user would.
package final class RecordingNotifier: AgentNotifier {
  package private(set) var server: ServerInfo?
  /// The virtual clock.
  package let now: () -> Date
  private var lastID: Int32 = 0
  /// New notifications shown (not updates of one on screen), and when.
  package private(set) var newShows: [Date] = []
  /// Every show, updates included.
  package private(set) var shows = 0
  /// New "While you were away" notifications: slots logged missed while nobody was there (no record
  /// of a show goes with them).
  package private(set) var summaries = 0

  package init(now: @escaping () -> Date) { self.now = now }

  /// The server is gone (crashed, not yet started again): nothing can be shown.
  package var isDown = false

  package func connect() throws -> ServerInfo {
    if isDown { throw NotifyError.noServer("the simulated server is down") }
    let info = ServerInfo(
      name: "simulation", vendor: "tiptoe", version: "1", specVersion: "1.2", capabilities: ["actions", "body"])
    server = info
    return info
  }

  package func forget() { server = nil }

  /// Notifications made so far.
  private var made = 0

  package func makeNotification(title: String, body: String) -> any AgentNotification {
    made += 1
    return SimulatedNotification(notifier: self, serial: made, isSummary: title == "While you were away")
  }

  package func refresh(_ notification: any AgentNotification, title: String, body: String, icon: String?) {}

  /// Gives `notification` a new id on its first show; counts it.
  fileprivate func showing(_ notification: SimulatedNotification) {
    shows += 1
    guard notification.id == 0 else { return }
    lastID += 1
    notification.id = lastID
    newShows.append(now())
    if notification.isSummary { summaries += 1 }
  }
}

/// One notification on the simulated screen, with its buttons.
package final class SimulatedNotification: AgentNotification {
  private unowned let notifier: RecordingNotifier
  /// Its place in the order notifications were made (the same from run to run, unlike its address).
  package let serial: Int
  /// A "While you were away" notification, not a reminder.
  package let isSummary: Bool
  package var id: Int32 = 0
  package var isShown: Bool { id != 0 }
  package private(set) var actions: [String: (String) -> Void] = [:]
  package private(set) var isOpen = false
  /// How many times it was shown; the user answers each show at most once.
  package private(set) var showCount = 0

  package init(notifier: RecordingNotifier, serial: Int, isSummary: Bool = false) {
    self.notifier = notifier
    self.serial = serial
    self.isSummary = isSummary
  }

  package func setUrgency(_ urgency: DesktopNotification.Urgency) {}
  package func setTimeout(_ timeout: DesktopNotification.Timeout) {}
  package func setCategory(_ category: String) {}
  package func setDesktopEntry(_ name: String) {}
  package func setSound(_ on: Bool) {}
  package func setStackTag(_ tag: String) {}
  package func clearActions() { actions = [:] }
  package func addAction(_ key: String, label: String, handler: @escaping (String) -> Void) { actions[key] = handler }
  package func onClosed(_ handler: @escaping (DesktopNotification.CloseReason) -> Void) {}

  /// Answered at once: the simulation's server is never slow.
  package func show(completion: @escaping (NotifyError?) -> Void) {
    if notifier.isDown { return completion(NotifyError.noServer("the simulated server is down")) }
    notifier.showing(self)
    isOpen = true
    showCount += 1
    completion(nil)
  }

  package func close(completion: @escaping (NotifyError?) -> Void) {
    isOpen = false
    completion(nil)
  }

  package func closeNow() -> Bool {
    isOpen = false
    return true
  }

  package func abandon() { isOpen = false }

  /// Presses the button `key`; false when it is not there (closed, or its agent is gone).
  package func press(_ key: String) -> Bool {
    guard isOpen, let action = actions[key] else { return false }
    action(key)
    return true
  }

  /// Its server crashed: it is gone from the screen.
  package func vanish() { isOpen = false }

  /// Its agent stopped without closing it: the buttons reach nobody now.
  package func orphan() { actions = [:] }
}

/// A seeded generator (SplitMix64): the same seed gives the same run.
package struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// The screen lock and the idle monitor in a simulation: the simulated person locks the screen or
/// walks away and comes back, and the agent hears each change as it would from D-Bus.
package final class SimulatedPresence: PresenceMonitor {
  package init() {}
  package private(set) var presence = Presence(locked: false, away: false)
  private var changed: ((Presence, String) -> Void)?

  /// Whether nobody is there now (locked or away).
  package var isHolding: Bool { !presence.holding.isEmpty }

  /// Called by each agent as it starts; a restarted agent hears what is true now. Resumes are not
  /// told: the agent only syncs on them, and the simulation has no sync server.
  package func start(_ changed: @escaping (Presence, String) -> Void, resumed: @escaping () -> Void) -> Presence {
    self.changed = changed
    return presence
  }

  /// Sets `reason` on or off and tells the agent, as its D-Bus sources would.
  package func set(_ reason: ReminderHold.Reason, _ on: Bool) {
    guard presence[reason] != on else { return }
    presence[reason] = on
    changed?(presence, "simulated \(reason.rawValue) \(on ? "on" : "off")")
  }
}
