import Foundation
import TiptoeCore
import TiptoeService

extension ReminderAgent {
  /// Starts the presence monitor (unless `--no-presence`): what it knows now counts for the first
  /// decision, and each change after logs one line and decides again. With sync set up, the screen
  /// unlocked and the machine resumed each start a round, and the decision on unlocking waits for it.
  func startPresence() {
    guard let presenceMonitor else { return }
    let changed = { [unowned self] (presence: Presence, cause: String) in
      let unlocked = state.presence?.locked == true && presence.locked != true
      update(presence)
      let holding = presence.holding
      let effect = holding.isEmpty ? "reminders show" : "reminders wait"
      log("presence: \(cause) → \(presence.summary); \(effect)")
      // Back, with sync: what came due meanwhile shows once the round has brought what was answered
      // elsewhere (or a few seconds later), so a reminder settled there does not flash up here.
      if unlocked, let sync {
        sync.now("screen unlocked") { [unowned self] in evaluate() }
      } else {
        evaluate()
      }
    }
    let presence = presenceMonitor.start(changed) { [unowned self] in sync?.now("resumed") }
    update(presence)
    log("presence: \(presence.summary)\(presence.holding.isEmpty ? "" : "; reminders wait")")
  }

  /// Opens a hold for each reason that came on and ends those that went off.
  func update(_ presence: Presence) {
    let now = configuration.now()
    for reason in ReminderHold.Reason.allCases {
      let current = holds.lastIndex { $0.reason == reason && $0.end == nil }
      if presence[reason] == true, current == nil { holds.append(ReminderHold(reason, start: now)) }
      if presence[reason] != true, let current { holds[current].end = now }
    }
    state.presence = presence
    state.holds = holds
    saveState()
  }

  /// The holds for a decision at `now`, without those that ended longer ago than any rule looks back
  /// (the decision just after one ended has settled what it held).
  func currentHolds(_ now: Date) -> [ReminderHold] {
    let forget = now.addingTimeInterval(-max(settings.catchUpWindow, settings.missAfter) - 60)
    holds.removeAll { ($0.end ?? now) < forget }
    state.holds = holds
    return holds
  }

  /// Slots logged missed while nobody was there, with nothing else to show on return: one notification
  /// that says so (no buttons, nothing to answer), or a line on stderr without a server.
  func summarize(_ missed: [Slot]) {
    let line = ReminderText.missed(missed, planner: planner)
    connectServer()
    guard let notifier, notifier.server != nil else { return log("while you were away: \(line)") }
    let notification = notifier.makeNotification(title: "While you were away", body: line)
    notifier.refresh(notification, title: "While you were away", body: line, icon: Self.icon)
    notification.setCategory(Self.category)
    notification.setDesktopEntry(Self.desktopEntry)
    notification.setSound(configuration.sound)
    notification.show { [unowned self] error in
      guard error == nil else { return log("while you were away: \(line)") }
      log("shown (while away) at \(stamp()) as notification \(notification.id): \(line)")
    }
  }
}
