import CLinux
import Foundation
import TiptoeService
import TiptoeCore
import TiptoeNotify
import TiptoeStore

#if canImport(Glibc)
  import Glibc
#endif

/// The agent: one GLib main loop that sleeps until the next reminder is due, shows it, and carries
/// out the answer.
///
/// Its sources: an absolute wall-clock timer for the next event (clock changes wake it too), inotify
/// on the history's directory (a change from the command line takes effect at once), on the routine's
/// directory and on /etc (the system zone), libnotify's button callbacks, and SIGTERM/SIGINT/SIGHUP.
/// It never polls.
///
///     let agent = try ReminderAgent(configuration: configuration)
///     exit(agent.run())
public final class ReminderAgent {
  let configuration: AgentConfiguration
  var settings: ReminderSettings { configuration.settings }
  var planner: Planner
  var rules: ReminderRules
  package let store: HistoryStore
  /// The recent events, so that a wake-up reads only the rows appended since the last one.
  let recent = RecentEvents()
  let directory: String
  let loop = MainLoop()
  package var timer: (any AgentTimer)?
  var watch: DirectoryWatch?
  var notifier: (any AgentNotifier)?
  /// Said once that no server is there, until one is back.
  var reportedNoServer = false
  /// The notification server's name on the bus, followed so that a restarted server shows again
  /// what is waiting.
  var serverWatch: ServerWatch?
  /// The server went away since the reminders were shown.
  var serverLost = false
  package var open: [OpenReminder] = []
  /// The newest history event seen; a change of directory with the same id changed nothing.
  var lastEventID: Int64 = 0
  /// `tiptoe sync` rounds, when sync is configured.
  var sync: BackgroundSync?
  var state: AgentState
  /// What `saveState` last wrote, so an unchanged state costs no file read or write.
  var savedState: AgentState?
  var lockFD: Int32 = -1
  /// When the last decision wanted to wake up, to log only changes.
  var loggedWake: Date?
  /// Slots the last decision saw waiting for an answer or snoozed: the next one looks back to them
  /// however old they are (`ReminderRules.holding`), so a snooze ending past midnight or a reminder
  /// left open across a long suspend is settled, not dropped out of sight.
  var held: Set<String> = []
  /// Whether anybody is there (nil: `--no-presence`), and the holds it made, current and recent.
  package var presenceMonitor: (any PresenceMonitor)?
  var holds: [ReminderHold] = []

  public convenience init(configuration: AgentConfiguration) throws {
    try self.init(configuration: configuration, notifier: nil)
  }

  /// `notifier`: the notification server; libnotify's when nil.
  package init(configuration: AgentConfiguration, notifier: (any AgentNotifier)?) throws {
    self.configuration = configuration
    self.notifier = notifier
    directory = HistoryStore.directory(of: configuration.historyPath)
    store = try HistoryStore.open(path: configuration.historyPath)
    planner = try configuration.loadPlanner()
    rules = ReminderRules(planner: planner, settings: configuration.settings)
    state = AgentState(
      pid: getpid(), started: ISO8601.format(configuration.now(), utcOffset: nil), server: nil, nextWake: nil,
      open: [:], settings: configuration.settings)
  }

  /// The loop's sources go before the loop they are attached to (they hold it unowned).
  deinit {
    serverWatch = nil
    open.removeAll()
    timer = nil
    watch = nil
    sync = nil
  }

  func log(_ line: String) { configuration.log(line) }

  /// Runs until SIGTERM or SIGINT; returns the exit status.
  public func run() throws -> Int32 {
    lockFD = try AgentFiles.lock(directory: directory)
    defer { Glibc.close(lockFD) }
    loop.onSignal(SIGTERM) { [unowned self] in
      log("stopping (SIGTERM)")
      loop.quit()
    }
    loop.onSignal(SIGINT) { [unowned self] in
      log("stopping (SIGINT)")
      loop.quit()
    }
    loop.onSignal(SIGHUP) { [unowned self] in
      log("SIGHUP: reloading the routine")
      reloadPlanner()
    }
    timer = try WakeTimer(loop: loop) { [unowned self] event in woke(clockChanged: event == .clockChanged) }
    watch = try DirectoryWatch(loop: loop) { [unowned self] changes in changed(changes) }
    try watch?.add(directory)
    try? watch?.add("/etc")
    let folders = configuration.routineFiles.map { ($0 as NSString).deletingLastPathComponent }
    for folder in Set(folders + configuration.routineFolders) {
      try? watch?.add(folder)
    }
    if configuration.presence {
      presenceMonitor = DBusPresence(
        awayAfter: configuration.awayAfter, sessionID: ProcessInfo.processInfo.environment["XDG_SESSION_ID"],
        log: { [unowned self] in log($0) })
    }
    try start()
    serverWatch = ServerWatch(
      appeared: { [unowned self] in serverAppeared() }, vanished: { [unowned self] in serverVanished() })
    loop.run()
    stop()
    return 0
  }

  /// What the agent does once its sources are in place: reattaches to the reminders an earlier run
  /// left open, decides, and arms the timer.
  package func start() throws {
    connectServer()
    let previous = AgentFiles.readState(directory: directory)
    savedState = previous
    lastEventID = try store.lastEventID()
    let count = planner.routine.exercises.count
    log(
      "started (pid \(getpid())): \(planner.routine.name), \(count) exercise\(count == 1 ? "" : "s"), "
        + "zone \(planner.timeZone.identifier)")
    reattach(previous?.open ?? [:], pending: previous?.pending ?? [:])
    startPresence()
    evaluate()
    if !configuration.syncCommand.isEmpty {
      sync = BackgroundSync(command: configuration.syncCommand, every: configuration.syncEvery, log: configuration.log)
      sync?.start()
    }
  }

  /// On the way out: closes the open reminders and says in the state file what is left open.
  package func stop() {
    // One still waiting for the server's answer cannot be closed yet: it stays in the state file (its
    // id or tag), for the next run to reach.
    open.removeAll { $0.notification?.closeNow() ?? true }
    state.nextWake = nil
    saveState()
    open.removeAll()
  }

  /// The timer fired: at the armed instant, or because the clock was set.
  package func woke(clockChanged: Bool) {
    if clockChanged { log("the clock was set; planning again") }
    evaluate()
  }

  // MARK: Changes

  private func changed(_ changes: [(directory: String, name: String)]) {
    var history = false
    var routine = false
    for change in changes {
      if change.directory == directory {
        if change.name.hasPrefix(HistoryStore.fileName) || change.name.isEmpty { history = true }
      } else if change.directory == "/etc" {
        if change.name == "localtime" || change.name == "timezone" { routine = true }
      } else if configuration.routineFiles.contains(change.directory + "/" + change.name)
        || (configuration.routineFolders.contains(change.directory) && change.name.hasSuffix(".toml"))
      {
        routine = true
      }
    }
    if routine {
      loop.soon { [unowned self] in
        log("the routine or the system's zone changed; planning again")
        NSTimeZone.resetSystemTimeZone()
        reloadPlanner()
      }
    } else if history {
      loop.soon { [unowned self] in historyChanged() }
    }
  }

  /// The history's file changed (the command line wrote to it): reads what is new and decides again.
  package func historyChanged() {
    do {
      let newest = try store.lastEventID()
      guard newest != lastEventID else { return }
      let events = try store.events(after: lastEventID)
      lastEventID = max(newest, events.map(\.id).max() ?? newest)
      for event in events where event.kind == .paused || event.kind == .resumed {
        log(event.kind == .paused ? "paused until \(describe(event.until))" : "resumed")
      }
      // An answer given here (not one a sync brought) goes to the other devices.
      if events.contains(where: { $0.device == nil && ($0.kind.isUndoable || $0.kind == .undone) }) { sync?.soon() }
    } catch {
      log("cannot read the history: \(error.localizedDescription)")
    }
    evaluate()
  }

  /// Loads the routine again (the routine file or the system's zone changed) and decides again.
  package func reloadPlanner() {
    do {
      planner = try configuration.loadPlanner()
      rules = ReminderRules(planner: planner, settings: settings)
      recent.forget()
      log("planning \(planner.routine.name) in \(planner.timeZone.identifier)")
    } catch {
      log("keeping the routine as it was: \(error.localizedDescription)")
    }
    evaluate()
  }

  // MARK: Deciding

  /// Reads the history around now, carries out the rules' decision, and sleeps until the next event.
  func evaluate() {
    evaluate(again: true)
  }

  /// `again`: after carrying out a decision, decide once more (now idle) for the next wake-up.
  private func evaluate(again: Bool) {
    let now = configuration.now()
    let decision: ReminderDecision
    let waiting: Set<String>
    var rules = decidingRules
    rules.holds = currentHolds(now)
    do {
      // Decided and recorded in one transaction, as the command line does: a `done` written meanwhile
      // is either seen here or written after, never overridden by a stale decision. Recorded before
      // showing: a crash in between must not show it twice after a restart. The history stays inside:
      // the kept one is then updated in place, never copied.
      (decision, held, waiting) = try store.write { transaction in
        let (history, window) = try recent.reading(transaction, keep: keptFrom(now), planner: planner)
          .deciding(around: now, rules: rules)
        let decision = rules.decide(history, now: now)
        let stored = decision.isIdle ? [] : try transaction.append(decision.events(at: now))
        lastEventID = max(lastEventID, stored.map(\.id).max() ?? 0)
        let shown = open.flatMap(\.slots).filter { history.record(of: $0).isWaiting }.map(\.id)
        return (decision, Self.held(in: history, window: window), Set(shown))
      }
    } catch {
      log("cannot read or write the history: \(error.localizedDescription); trying again in a minute")
      arm(now.addingTimeInterval(60), now: now)
      return
    }
    reconcile(waiting: waiting)
    if !decision.isIdle {
      carryOut(decision)
      if again { return evaluate(again: false) }
    }
    let tomorrow = planner.dayStart(today(now).adding(days: 1)).addingTimeInterval(1)
    arm(min(decision.wakeAt ?? tomorrow, tomorrow), now: now)
  }

  /// The slots shown and unanswered, or snoozed, that start in the decision's `window`.
  private static func held(in history: History, window: Range<Date>) -> Set<String> {
    var held: Set<String> = []
    for id in history.unsettled {
      guard let record = history.records[id], record.isWaiting || record.decision == .snoozed else { continue }
      if let start = record.start, window.contains(start) { held.insert(id) }
    }
    return held
  }

  /// The rules as the next decision applies them: looking back to every slot held or on screen.
  package var decidingRules: ReminderRules {
    var rules = rules
    rules.holding = held.union(open.flatMap(\.slotIDs))
    return rules
  }

  /// How far back the agent keeps the history in memory: exactly what the reminders' progress reads
  /// (`HabitProgress.recentStart`: four weeks, from a Monday, a day's margin), which is further back
  /// than a decision looks.
  func keptFrom(_ now: Date) -> Date {
    HabitProgress.recentStart(planner, today: today(now))
  }

  func today(_ now: Date) -> LocalDate {
    ISO8601.localDateTime(now, utcOffset: planner.timeZone.secondsFromGMT(for: now)).0
  }

  /// Shows what `decision` recorded, and closes what it gave up on.
  private func carryOut(_ decision: ReminderDecision) {
    if !decision.missed.isEmpty {
      log("missed: " + decision.missed.map(\.id).joined(separator: ", "))
      remove(Set(decision.missed.map(\.id)))
      if decision.show.isEmpty, !decision.missedWhileAway.isEmpty { summarize(decision.missedWhileAway) }
    }
    for reminder in decision.show { present(reminder, replacing: nil) }
    for reminder in decision.nudge {
      let ids = Set(reminder.slots.map(\.id))
      let holding = open.filter { !$0.slotIDs.isDisjoint(with: ids) }
      if holding.count == 1, holding[0].slotIDs == ids {
        present(reminder, replacing: holding[0])
      } else {
        remove(ids)
        present(reminder, replacing: nil)
      }
    }
  }

  /// Closes or shrinks open reminders whose slots were answered elsewhere (the command line): `ids`
  /// are their slots still waiting.
  private func reconcile(waiting ids: Set<String>) {
    for reminder in open {
      let waiting = reminder.slots.filter { ids.contains($0.id) }
      if waiting.count == reminder.slots.count { continue }
      let answered = reminder.slots.filter { !waiting.contains($0) }.map(\.id)
      log("answered elsewhere: " + answered.joined(separator: ", "))
      if waiting.isEmpty {
        close(reminder)
      } else {
        reminder.slots = waiting
        present(reminder.reminder, replacing: reminder)
      }
    }
  }

  /// Takes `ids` out of the open reminders, closing those left empty.
  private func remove(_ ids: Set<String>) {
    for reminder in open where !reminder.slotIDs.isDisjoint(with: ids) {
      let rest = reminder.slots.filter { !ids.contains($0.id) }
      if rest.isEmpty {
        close(reminder)
      } else {
        reminder.slots = rest
        present(reminder.reminder, replacing: reminder)
      }
    }
  }

  private func arm(_ instant: Date, now: Date) {
    do {
      try timer?.arm(at: instant)
    } catch {
      log("cannot set the timer: \(error.localizedDescription)")
    }
    if loggedWake != instant {
      loggedWake = instant
      log("next: \(describe(instant)) (\(DurationText.relative(instant.timeIntervalSince(now))))")
    }
    state.nextWake = ISO8601.format(instant, utcOffset: planner.timeZone.secondsFromGMT(for: instant))
    saveState()
  }

  func saveState() {
    var open: [String: Int32] = [:]
    var pending: [String: String] = [:]
    for reminder in self.open {
      guard let notification = reminder.notification else { continue }
      for slot in reminder.slots {
        if notification.isShown { open[slot.id] = notification.id } else { pending[slot.id] = reminder.tag }
      }
    }
    state.open = open
    state.pending = pending.isEmpty ? nil : pending
    state.server = notifier?.server?.summary
    guard savedState != state else { return }
    do {
      try AgentFiles.write(state, directory: directory)
      savedState = state
    } catch {
      log(error.localizedDescription)
    }
  }

  /// Now in ISO 8601 with the routine zone's offset: `2026-10-25T02:30:00+02:00`.
  func stamp() -> String {
    let now = configuration.now()
    return ISO8601.format(now, utcOffset: planner.timeZone.secondsFromGMT(for: now))
  }

  /// `13:00:00` today, else `Tue 24 Nov 08:30`, in the routine's zone.
  func describe(_ instant: Date?) -> String {
    guard let instant else { return "resumed by hand" }
    let offset = planner.timeZone.secondsFromGMT(for: instant)
    let (date, time) = ISO8601.localDateTime(instant, utcOffset: offset)
    let clock = String(format: "%02d:%02d:%02d", time.hour, time.minute, time.second)
    return date == today(configuration.now()) ? clock : "\(date) \(clock)"
  }
}
