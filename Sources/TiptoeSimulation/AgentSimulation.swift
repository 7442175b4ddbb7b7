import Foundation
import GRDB
import TiptoeCore
import TiptoeService
import TiptoeStore

import TiptoeAgent

/// The real agent (its rules, its store transactions, its notifications) driven through a simulated
/// stretch of time: a virtual clock that jumps to the next armed timer or user action, a recording
/// notifier whose buttons the simulated user presses, a real SQLite history in a temporary directory,
/// and suspends, restarts, clock sets, screen locks, times away and do-not-disturb at seeded random
/// moments.
///
///     var simulation = try AgentSimulation(seed: 7, zone: "Europe/Berlin", routine: routine)
///     try simulation.run()   // throws a `SimulationFailure` naming the seed and the step
package final class AgentSimulation {
  /// Something that happens to the machine.
  enum Disruption {
    case suspend(TimeInterval)
    case restart(down: TimeInterval, crash: Bool)
    case setClock(by: TimeInterval)
    /// The system's zone becomes `zone` (the agent plans again, as on a change of /etc/localtime).
    case changeZone(String)
    /// `tiptoe pause` for `length`, or until `tiptoe resume` that long after (`byHand`).
    case pause(TimeInterval, byHand: Bool)
    case resume
    /// `tiptoe done` for the next slot not yet due.
    case doneAhead
    /// The notification server crashes (its notifications go with it) and is started again after
    /// `down` (the agent follows its bus name).
    case serverCrash(down: TimeInterval)
    case serverStart
    /// The screen is locked, the person goes away (idle) or turns do-not-disturb on for `length`;
    /// `presenceEnds` then.
    case presence(ReminderHold.Reason, length: TimeInterval)
    case presenceEnds(ReminderHold.Reason)
  }

  /// A deliberately broken run, to show that the checker catches it.
  package enum Mutation {
    /// The agent crashes between showing a reminder and recording it (the record is lost).
    case showBeforeRecord
    /// The agent catches up slots three times as old as the catch-up window allows.
    case lateCatchUp
    /// The agent hears nothing of the screen lock or the idle monitor (as with `--no-presence`).
    case deafToPresence
  }

  /// A user's answer to a shown reminder, due at `at`.
  struct Answer {
    var at: Date
    var notification: SimulatedNotification
    var key: String
  }

  package let seed: UInt64
  package let routine: Routine
  /// The system zone's planner now; `epochs` holds each one and since when.
  private(set) var planner: Planner
  package private(set) var epochs: [(from: Date, planner: Planner)]
  let settings = ReminderSettings()
  private(set) var rules: ReminderRules
  let mutation: Mutation?
  let start: Date
  let end: Date
  private(set) var now: Date
  var random: SeededGenerator
  let directory: URL
  let historyPath: String
  /// The command line's view of the history (another connection to the same file).
  let store: HistoryStore
  let timer = VirtualTimer()
  /// The screen lock and the idle monitor, which every agent of the run listens to.
  let presence = SimulatedPresence()
  private(set) var notifier: RecordingNotifier!
  private(set) var agent: ReminderAgent?
  var disruptions: [(at: Date, what: Disruption)] = []
  var answers: [Answer] = []
  /// When the machine was asleep or the agent off (or the clock jumped over): `(from, to]`.
  var dark: [(from: Date, to: Date)] = []
  /// When the agent was stopped cleanly (it forgets its open reminders then): `(from, to]`.
  var stopped: [(from: Date, to: Date)] = []
  /// While reminders were paused: `(from, to]`.
  var paused: [(from: Date, to: Date)] = []
  /// While the screen was locked or nobody was there: `(from, to]`.
  var away: [(from: Date, to: Date)] = []
  /// Around a clock set back or a zone change: times are not checked.
  var unchecked: [(from: Date, to: Date)] = []
  /// The next local day's end, where `tiptoe plan` and the agent must agree.
  private var dayEnd: Date
  package var step = 0
  /// The agent's last log lines.
  var agentLog: [String] = []
  var checker: SimulationChecker!
  /// What a run covered.
  package var counts = (
    slots: 0, shown: 0, suspends: 0, restarts: 0, actions: 0, pauses: 0, dayEnds: 0, serverCrashes: 0,
    locks: 0, aways: 0, doNotDisturbs: 0, shownOnReturn: 0
  )

  /// `days` from the start of `first` in `zone`; the system zone changes to each of `zoneChanges`
  /// at a random hour of its day (counted from `first`).
  package init(
    seed: UInt64, zone: String, routine: Routine, first: LocalDate, days: Int,
    zoneChanges: [(day: Int, zone: String)] = [], mutation: Mutation? = nil
  ) throws {
    self.seed = seed
    self.routine = routine
    self.mutation = mutation
    planner = Planner(routine: routine, timeZone: TimeZone(identifier: zone)!)
    epochs = []
    rules = ReminderRules(planner: planner, settings: settings)
    start = planner.dayStart(first)
    epochs = [(start, planner)]
    dayEnd = planner.dayStart(first.adding(days: 1)).addingTimeInterval(-1)
    end = start.addingTimeInterval(Double(days) * 86400)
    now = start
    random = SeededGenerator(seed: seed)
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiptoe-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    historyPath = directory.appendingPathComponent(HistoryStore.fileName).path
    store = try HistoryStore.open(path: historyPath)
    notifier = RecordingNotifier { [unowned self] in now }
    // Before the run the agent was off.
    dark.append((.distantPast, start))
    checker = SimulationChecker(simulation: self)
    planDisruptions(days: days)
    for change in zoneChanges {
      let at = Double(change.day) * 86400 + Double.random(in: 0..<86400, using: &random)
      disruptions.append((start.addingTimeInterval(at.rounded()), .changeZone(change.zone)))
    }
    disruptions.sort { $0.at < $1.at }
  }

  deinit { removeFiles() }

  /// Stops the agent and removes the temporary directory.
  package func removeFiles() {
    agent = nil
    try? FileManager.default.removeItem(at: directory)
  }

  /// 20 suspends of minutes to three days, 5 restarts (some of them crashes), a clock set forward
  /// and one back, at random moments.
  private func planDisruptions(days: Int) {
    let span = Double(days) * 86400
    func moment() -> Date { start.addingTimeInterval(Double.random(in: 3600..<span - 3 * 86400, using: &random)) }
    for _ in 0..<20 {
      // Log-uniform from 2 minutes to 3 days.
      let length = exp(Double.random(in: log(120.0)...log(3 * 86400.0), using: &random))
      disruptions.append((moment(), .suspend(length.rounded())))
    }
    for index in 0..<5 {
      let down = Double.random(in: 1...(12 * 3600), using: &random).rounded()
      disruptions.append((moment(), .restart(down: down, crash: index % 2 == 1)))
    }
    disruptions.append((moment(), .setClock(by: 2 * 3600)))
    disruptions.append((moment(), .setClock(by: -3600)))
    // Pauses of 10 minutes to 6 hours, one of them until resumed by hand; answers ahead of time.
    for index in 0..<4 {
      let length = Double.random(in: 600...(6 * 3600), using: &random).rounded()
      disruptions.append((moment(), .pause(length, byHand: index == 0)))
    }
    for _ in 0..<6 { disruptions.append((moment(), .doneAhead)) }
    for _ in 0..<3 {
      let down = exp(Double.random(in: 0...log(7200.0), using: &random)).rounded()
      disruptions.append((moment(), .serverCrash(down: down)))
    }
    // The screen locked for 2 minutes to 4 hours, and the person idle for 5 minutes to 3 hours.
    for _ in 0..<8 {
      let locked = exp(Double.random(in: log(120.0)...log(4 * 3600.0), using: &random)).rounded()
      disruptions.append((moment(), .presence(.locked, length: locked)))
      let away = exp(Double.random(in: log(300.0)...log(3 * 3600.0), using: &random)).rounded()
      disruptions.append((moment(), .presence(.away, length: away)))
    }
    // Do-not-disturb for 10 minutes to 8 hours (a meeting, an evening).
    for _ in 0..<8 {
      let quiet = exp(Double.random(in: log(600.0)...log(8 * 3600.0), using: &random)).rounded()
      disruptions.append((moment(), .presence(.doNotDisturb, length: quiet)))
    }
    disruptions.sort { $0.at < $1.at }
  }

  /// Runs to the end, checking the invariants after every step.
  package func run() throws {
    try startAgent()
    try checker.check()
    var sameInstant = 0
    while true {
      let wake = agent == nil ? nil : timer.armed
      let answer = answers.indices.min { answers[$0].at < answers[$1].at }
      let disruption = disruptions.first?.at
      let candidates = [wake, answer.map { answers[$0].at }, disruption, dayEnd].compactMap { $0 }
      guard let next = candidates.min(), next < end else { break }
      let previous = now
      now = max(now, next)
      sameInstant = now == previous ? sameInstant + 1 : 0
      if sameInstant > 100 { throw failure("the agent keeps waking at \(now) without moving on") }
      step += 1
      if let wake, wake <= next {
        timer.expire()
        agent?.woke(clockChanged: false)
      } else if let answer, answers[answer].at <= next {
        try perform(answers.remove(at: answer))
      } else if let disruption, disruption <= next {
        try disrupt(disruptions.removeFirst().what)
      } else {
        try checker.checkDayEnd()
        dayEnd = nextDayEnd(after: now.addingTimeInterval(1))
      }
      // Passed over by a suspend or a clock set.
      if dayEnd < now { dayEnd = nextDayEnd(after: now) }
      try mutate()
      try checker.check()
      scheduleAnswers()
    }
    try checker.finish()
  }

  /// The last second of the local day of `instant`.
  private func nextDayEnd(after instant: Date) -> Date {
    planner.dayStart(localDate(instant).adding(days: 1)).addingTimeInterval(-1)
  }

  /// The local date of `instant` in the system's zone now.
  func localDate(_ instant: Date) -> LocalDate {
    ISO8601.localDateTime(instant, utcOffset: planner.timeZone.secondsFromGMT(for: instant)).0
  }

  func failure(_ message: String) -> SimulationFailure {
    SimulationFailure(
      seed: seed, zone: planner.timeZone.identifier, step: step, now: now, message: message, log: agentLog.suffix(16))
  }

  // MARK: The machine

  private func startAgent() throws {
    var agentSettings = settings
    if mutation == .lateCatchUp { agentSettings.catchUpWindow *= 3 }
    let configuration = AgentConfiguration(
      settings: agentSettings, historyPath: historyPath, loadPlanner: { [unowned self] in planner },
      log: { [unowned self] line in
        agentLog.append(line)
        if agentLog.count > 200 { agentLog.removeFirst(100) }
      }, now: { [unowned self] in now })
    let agent = try ReminderAgent(configuration: configuration, notifier: notifier)
    agent.timer = timer
    if mutation != .deafToPresence { agent.presenceMonitor = presence }
    self.agent = agent
    try agent.start()
  }

  private func disrupt(_ disruption: Disruption) throws {
    guard let agent else { return }
    let from = now
    agentLog.append("[simulation] \(disruption) at \(ISO8601.format(now, utcOffset: 0))")
    switch disruption {
    case .suspend(let length):
      counts.suspends += 1
      now += length
      dark.append((from, now))
      answers.removeAll { $0.at < now }
    case .restart(let down, let crash):
      counts.restarts += 1
      if crash {
        for entry in agent.open { (entry.notification as? SimulatedNotification)?.orphan() }
      } else {
        agent.stop()
      }
      self.agent = nil
      timer.expire()
      now += down
      dark.append((from, now))
      if !crash { stopped.append((from, now)) }
      answers.removeAll { $0.at < now }
      try startAgent()
    case .setClock(let delta):
      now += delta
      if delta > 0 {
        dark.append((from, now))
        answers.removeAll { $0.at < now }
      } else {
        unchecked.append((now.addingTimeInterval(-settings.catchUpWindow), from.addingTimeInterval(2 * 3600)))
      }
      agent.woke(clockChanged: true)
    case .changeZone(let zone):
      planner = Planner(routine: routine, timeZone: TimeZone(identifier: zone)!)
      rules = ReminderRules(planner: planner, settings: settings)
      epochs.append((now, planner))
      // The same slot ids stand for other instants now: a day either side is not timed.
      unchecked.append((now.addingTimeInterval(-36 * 3600), now.addingTimeInterval(36 * 3600)))
      agent.reloadPlanner()
    case .pause(let length, let byHand):
      counts.pauses += 1
      let until = now.addingTimeInterval(length)
      endPause()
      paused.append((now, byHand ? .distantFuture : until))
      try store.append([.paused(at: now, until: byHand ? nil : until)])
      if byHand { disruptions.append((until, .resume)) }
      agent.historyChanged()
    case .resume:
      endPause()
      try store.append([.resumed(at: now)])
      agent.historyChanged()
    case .serverCrash(let down):
      counts.serverCrashes += 1
      notifier.isDown = true
      for entry in agent.open { (entry.notification as? SimulatedNotification)?.vanish() }
      agent.serverVanished()
      disruptions.append((now.addingTimeInterval(down), .serverStart))
    case .serverStart:
      notifier.isDown = false
      // What is open now shows again as new notifications, without a new record.
      checker.reshows += agent.open.count
      agent.serverAppeared()
    case .presence(let reason, let length):
      switch reason {
      case .locked: counts.locks += 1
      case .away: counts.aways += 1
      case .doNotDisturb: counts.doNotDisturbs += 1
      }
      setPresence(reason, true)
      disruptions.append((now.addingTimeInterval(length), .presenceEnds(reason)))
    case .presenceEnds(let reason):
      setPresence(reason, false)
    case .doneAhead:
      let history = try store.history(around: now, rules: rules)
      guard let slot = rules.slots(around: now).first(where: { $0.start > now && !history.record(of: $0).isSettled })
      else { break }
      counts.actions += 1
      try store.append([.done(slot, at: now)])
      checker.expected[slot.id] = .done
      agent.historyChanged()
    }
    // What was to happen while the machine was dark happens once it has been awake ten minutes.
    for index in disruptions.indices where disruptions[index].at < now {
      disruptions[index].at = now.addingTimeInterval(600 + Double(index))
    }
    disruptions.sort { $0.at < $1.at }
  }

  /// Locks or unlocks (or goes away or comes back), keeping `away` the spans in which nobody was there.
  private func setPresence(_ reason: ReminderHold.Reason, _ on: Bool) {
    let before = presence.isHolding
    presence.set(reason, on)
    if !before, presence.isHolding { away.append((now, .distantFuture)) }
    if before, !presence.isHolding { away[away.count - 1].to = now }
  }

  /// A new pause or a resume ends the pause before it.
  private func endPause() {
    guard let last = paused.last, last.to > now else { return }
    paused[paused.count - 1].to = now
  }

  /// The record of what the agent showed in this step is lost, as if it had crashed before writing it.
  private func mutate() throws {
    guard mutation == .showBeforeRecord, notifier.newShows.count > checker.newShowsChecked else { return }
    let queue = try DatabaseQueue(path: historyPath)
    try queue.write { db in
      try db.execute(sql: "DELETE FROM event WHERE kind = 'fired' AND id > ?", arguments: [checker.lastID])
    }
    try queue.close()
  }

  // MARK: The user

  /// For each reminder shown since the last look: an answer at a random delay (or none).
  private func scheduleAnswers() {
    guard let agent else { return }
    for entry in agent.open {
      guard let notification = entry.notification as? SimulatedNotification,
        checker.answered[notification.serial] != notification.showCount
      else { continue }
      checker.answered[notification.serial] = notification.showCount
      let roll = Int.random(in: 0..<100, using: &random)
      let key: String
      switch roll {
      case 0..<30: continue
      case 30..<60: key = ReminderText.done
      case 60..<70: key = ReminderText.skip
      case 70..<85: key = ReminderText.snooze
      case 85..<92: key = "cli-done"
      case 92..<95: key = "cli-skip"
      default: key = "cli-done-undo"
      }
      let delay = Double(Int.random(in: 1...3000, using: &random))
      answers.append(Answer(at: now.addingTimeInterval(delay), notification: notification, key: key))
    }
  }

  private func perform(_ answer: Answer) throws {
    guard let agent, let entry = agent.open.first(where: { $0.notification === answer.notification }),
      answer.notification.isOpen
    else { return }
    // Nobody is there to answer (with do-not-disturb on, nobody sees the reminder).
    if presence.isHolding { return }
    counts.actions += 1
    let slots = entry.slots
    switch answer.key {
    case "cli-done", "cli-skip", "cli-done-undo":
      let history = try store.history(around: now, rules: rules)
      let waiting = slots.filter { !history.record(of: $0).isSettled }
      guard !waiting.isEmpty else { return }
      let skip = answer.key == "cli-skip"
      try store.append(waiting.map { skip ? .skipped($0, at: now) : .done($0, at: now) })
      if answer.key == "cli-done-undo" {
        try store.undoLast(at: now)
      } else {
        for slot in waiting { checker.expected[slot.id] = skip ? .skipped : .done }
      }
      agent.historyChanged()
    default:
      var key = answer.key
      if key == ReminderText.snooze, answer.notification.actions[key] == nil { key = ReminderText.done }
      if key == ReminderText.done { for slot in slots { checker.expected[slot.id] = .done } }
      if key == ReminderText.skip { for slot in slots { checker.expected[slot.id] = .skipped } }
      guard answer.notification.press(key) else { throw failure("no \(key) button on an open reminder") }
    }
  }
}

/// Where and why a simulated run broke; its seed reproduces it.
package struct SimulationFailure: Error, CustomStringConvertible {
  package let seed: UInt64
  package let zone: String
  package let step: Int
  package let now: Date
  package let message: String
  package let log: ArraySlice<String>

  package var description: String {
    "seed \(seed), \(zone), step \(step) at \(ISO8601.format(now, utcOffset: 0)): \(message)\n  agent log:\n    "
      + log.joined(separator: "\n    ")
  }
}
