import TiptoeCore

extension ReminderAgent {
  /// How an earlier run's reminder can be reached on screen: by its id, or only by its stack tag when
  /// the run was killed before the id came back.
  enum EarlierNotification: Hashable, Comparable {
    case id(Int32)
    case tag(String)
  }

  /// After a restart: shows again, in place of the old ones, the reminders still waiting for an answer,
  /// and closes what the earlier run left on screen for slots settled since (answered while it was
  /// down, or missed), so no reminder of a settled slot stays behind.
  func reattach(_ previous: [String: Int32], pending: [String: String]) {
    var earlier = pending.mapValues { EarlierNotification.tag($0) }
    for (slot, id) in previous { earlier[slot] = .id(id) }
    guard !earlier.isEmpty else { return }
    let now = configuration.now()
    var rules = rules
    rules.holding = Set(earlier.keys)
    do {
      let history = try store.history(around: now, rules: rules)
      let waiting = rules.waiting(history, now: now).filter { earlier[$0.id] != nil }
      let kept = Set(waiting.compactMap { earlier[$0.id] })
      for stale in Set(earlier.values).subtracting(kept).sorted() { closeEarlier(stale) }
      for (place, group) in Dictionary(grouping: waiting, by: { earlier[$0.id]! }).sorted(by: { $0.key < $1.key }) {
        guard let notifier else { break }
        let canSnooze = group.allSatisfy { rules.canSnooze(history.record(of: $0)) }
        let fired = group.map { history.record(of: $0).firedSinceDecision.count }.max() ?? 1
        let reminder = Reminder(kind: fired > 1 ? .nudge : .due, slots: group, canSnooze: canSnooze)
        // With no server now, it goes to stderr and shows once a server appears.
        let notification = notifier.server == nil ? nil : notifier.makeNotification(title: "", body: "")
        let entry: OpenReminder
        switch place {
        case .id(let id):
          notification?.id = id
          entry = OpenReminder(slots: group, kind: reminder.kind, canSnooze: canSnooze, notification: notification)
        case .tag(let tag):
          if let server = notifier.server, !server.supportsStackTag {
            let slots = group.map(\.id).joined(separator: ", ")
            log("\(server.name) cannot replace a popup by tag: an earlier run's may show twice: \(slots)")
          }
          entry = OpenReminder(
            slots: group, kind: reminder.kind, canSnooze: canSnooze, notification: notification, tag: tag)
        }
        open.append(entry)
        present(reminder, replacing: entry)
      }
    } catch {
      log("cannot read the history: \(error.localizedDescription)")
    }
  }

  /// Closes an earlier run's notification of slots settled since: by its id; by its tag, replacing
  /// it with one that closes at once, where the server stacks by tag. Elsewhere a popup whose id
  /// never came back cannot be reached: the notification spec has no way to list them.
  private func closeEarlier(_ stale: EarlierNotification) {
    guard let notifier, let server = notifier.server else { return }
    let notification = notifier.makeNotification(title: "tiptoe", body: "")
    switch stale {
    case .id(let id):
      notification.id = id
      notification.close { [unowned self] error in
        log(error?.localizedDescription ?? "closed notification \(id), left by an earlier run for slots settled since")
      }
    case .tag(let tag):
      guard server.supportsStackTag else {
        return log("an earlier run killed before its popup's id came back may have left it on screen")
      }
      notification.setStackTag(tag)
      notification.show { [unowned self] error in
        if let error { return log(error.localizedDescription) }
        notification.close { [unowned self] error in
          log(
            error?.localizedDescription
              ?? "closed notification \(notification.id), sent by an earlier run killed before its id came back, "
              + "for slots settled since")
        }
      }
    }
  }
}
