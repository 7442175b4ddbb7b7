import Foundation
import TiptoeCore
import TiptoeNotify
import TiptoeStore

extension ReminderAgent {
  static let icon = "appointment-soon"
  static let category = "x-tiptoe.reminder"
  static let desktopEntry = "tiptoe"

  /// Starts libnotify and reads the server's capabilities once; says so once when there is no server.
  func connectServer() {
    do {
      if notifier == nil { notifier = try Notifier(appName: "tiptoe") }
      guard let notifier, notifier.server == nil else { return }
      let server = try notifier.connect()
      log("notifications: \(server.summary)")
      if reportedNoServer { log("the notification server is back") }
      reportedNoServer = false
      if !server.supportsActions { log("the server shows no buttons: reminders say how to answer from the shell") }
    } catch {
      reportNoServer(error)
    }
  }

  /// The server's name lost its owner: the reminders on screen went with it.
  package func serverVanished() {
    guard !serverLost, notifier?.server != nil else { return }
    serverLost = true
    notifier?.forget()
    log("the notification server went away; what is waiting shows again when one is back")
  }

  /// A server took the name (started, or started again): shows again, as new notifications, the
  /// reminders that are waiting, including those that went to stderr.
  package func serverAppeared() {
    guard serverLost || reportedNoServer else { return }
    serverLost = false
    connectServer()
    guard notifier?.server != nil else { return }
    for entry in open {
      entry.notification?.abandon()
      forget(entry)
      present(entry.reminder, replacing: nil)
    }
  }

  private func reportNoServer(_ error: Error) {
    // A server that hangs is still the server: it is asked again on the next reminder.
    if case NotifyError.noReply = error { return log("\(error.localizedDescription); reminders go to stderr") }
    notifier?.forget()
    guard !reportedNoServer else { return }
    reportedNoServer = true
    log(
      "\(error.localizedDescription); reminders go to stderr, "
        + "and each new one tries the server again")
  }

  /// The streaks and weeks of the reminder's exercises, for its text; none when the history cannot be read.
  func progress(of reminder: Reminder) -> [String: HabitProgress] {
    let now = configuration.now()
    let zone = planner.timeZone
    let today = ISO8601.localDateTime(now, utcOffset: zone.secondsFromGMT(for: now)).0
    let exercises = Set(reminder.slots.map(\.exercise))
    do {
      let all = try store.read { transaction in
        let reading = try recent.reading(transaction, keep: keptFrom(now), planner: planner)
        return try HabitProgress.today(reading.history, today: today, now: now, exercises: exercises) {
          try transaction.hasSlotEvents(before: reading.start)
        }
      }
      return Dictionary(uniqueKeysWithValues: all.map { ($0.exercise.id, $0) })
    } catch {
      log("cannot read the history for the reminder's progress: \(error.localizedDescription)")
      return [:]
    }
  }

  /// Shows `reminder`, updating `existing` in place when given; prints it to stderr without a server.
  func present(_ reminder: Reminder, replacing existing: OpenReminder?) {
    connectServer()
    let server = notifier?.server
    let text = ReminderText(
      reminder, planner: planner, snooze: settings.snooze, buttons: server?.supportsActions ?? false,
      start: !configuration.guideCommand.isEmpty && TerminalLauncher.find() != nil, progress: progress(of: reminder))
    let entry: OpenReminder
    if let existing, existing.notification != nil || server == nil {
      existing.slots = reminder.slots
      existing.kind = reminder.kind
      existing.canSnooze = reminder.canSnooze
      entry = existing
    } else {
      if let existing { forget(existing) }
      let notification = server == nil ? nil : notifier?.makeNotification(title: text.title, body: text.body)
      entry = OpenReminder(
        slots: reminder.slots, kind: reminder.kind, canSnooze: reminder.canSnooze, notification: notification)
    }
    if !open.contains(where: { $0 === entry }) { open.append(entry) }
    guard let notification = entry.notification, let notifier else {
      log("reminder (\(reminder.kind.rawValue)) at \(stamp()): \(text.line)  [\(entry.label)]")
      saveState()
      return
    }
    notifier.refresh(notification, title: text.title, body: text.body, icon: Self.icon)
    configure(notification, text: text, entry: entry)
    // A first show is on disk (its tag) before it is sent: a run killed before the id comes back
    // leaves the next one a way to reach the popup.
    saveState()
    let kind = reminder.kind
    notification.show { [unowned self, weak entry] error in
      answered(notification, of: entry, kind: kind, line: text.line, error: error)
    }
  }

  /// The server answered a show: the reminder is on screen with its id, or goes to stderr.
  private func answered(
    _ notification: any AgentNotification, of entry: OpenReminder?, kind: ReminderKind, line: String,
    error: NotifyError?
  ) {
    // Let go meanwhile (answered and closed, or its server went away): a close waits for this answer.
    guard let entry, entry.notification === notification, open.contains(where: { $0 === entry }) else { return }
    if let error {
      reportNoServer(error)
      log("reminder (\(kind.rawValue)) at \(stamp()): \(line)  [\(entry.label)]")
      saveState()
      return
    }
    // The id is saved before it is logged: a restart right after still finds it.
    saveState()
    log("shown (\(kind.rawValue)) at \(stamp()) as notification \(notification.id): \(entry.label)")
  }

  private func configure(_ notification: any AgentNotification, text: ReminderText, entry: OpenReminder) {
    notification.setUrgency(entry.kind == .nudge ? .critical : .normal)
    // It stays until answered; the agent closes it when the slot is missed.
    notification.setTimeout(.never)
    notification.setCategory(Self.category)
    notification.setDesktopEntry(Self.desktopEntry)
    notification.setSound(configuration.sound)
    if notifier?.server?.supportsStackTag == true { notification.setStackTag(entry.tag) }
    notification.clearActions()
    for button in text.buttons {
      notification.addAction(button.key, label: button.label) { [unowned self, weak entry] key in
        guard let entry else { return }
        answer(entry, key: key)
      }
    }
    notification.onClosed { [unowned self, weak entry] reason in
      guard let entry, let index = open.firstIndex(where: { $0 === entry }) else { return }
      open.remove(at: index)
      if reason == .dismissed { log("dismissed: \(entry.label)") }
      saveState()
    }
  }

  /// A button was pressed: records the answer for every slot of the reminder.
  func answer(_ entry: OpenReminder, key: String) {
    let now = configuration.now()
    let events: [NewEvent]
    switch key {
    case ReminderText.done: events = entry.slots.map { .done($0, at: now) }
    case ReminderText.skip: events = entry.slots.map { .skipped($0, at: now) }
    case ReminderText.start:
      start(entry)
      return
    case ReminderText.snooze:
      // The history keeps whole seconds: round up, so a snooze is never shorter than its label.
      let until = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + settings.snooze).rounded(.up))
      events = entry.slots.map { .snoozed($0, at: now, until: until) }
    default:
      return
    }
    do {
      let stored = try store.append(events)
      lastEventID = max(lastEventID, stored.map(\.id).max() ?? 0)
      log("\(key): \(entry.label)")
      sync?.soon()
    } catch {
      log("cannot record '\(key)': \(error.localizedDescription)")
      return
    }
    close(entry)
    evaluate()
  }

  /// Start: `tiptoe guide` for the reminder's exercises in the user's terminal. The guide records each
  /// exercise as it finishes, which settles the reminder like any `tiptoe done`.
  func start(_ entry: OpenReminder) {
    var ids: [String] = []
    for slot in entry.slots where !ids.contains(slot.exercise) { ids.append(slot.exercise) }
    guard let terminal = TerminalLauncher.find() else {
      log("start: no terminal to open (xdg-terminal-exec, $TERMINAL, x-terminal-emulator): \(entry.label)")
      return
    }
    do {
      try terminal.open(configuration.guideCommand + ids)
      log("start: \((terminal.prefix + configuration.guideCommand + ids).joined(separator: " "))")
    } catch {
      log("start: \(error.localizedDescription)")
    }
  }

  /// Closes the reminder's notification and forgets it.
  func close(_ entry: OpenReminder) {
    forget(entry)
    entry.notification?.close { [unowned self] error in
      if let error { log(error.localizedDescription) }
    }
    saveState()
  }

  private func forget(_ entry: OpenReminder) {
    open.removeAll { $0 === entry }
  }
}
