import Foundation
import TiptoeCore
import TiptoeStore

import TiptoeAgent

/// The invariants of a simulated run, checked on the history file after every step.
///
/// - a slot is shown at most twice between decisions (the reminder and its nudge), never once settled;
/// - a record is written only when a notification is shown, and a new notification only with a record;
/// - a slot that comes due while the machine is awake is first shown within one second of its time
///   (or up to the merge window before, joining an earlier reminder);
/// - a slot passed over while asleep or off is shown at the wake-up when the catch-up rule allows it,
///   and logged missed then otherwise (or, days old, is missed by its status alone);
/// - while the screen is locked, nobody is there or do-not-disturb is on, nothing is shown, nudged or
///   missed, and what came due then is shown on return (or missed by the catch-up rule), as after a
///   suspend;
/// - at the end every slot is settled, and every answer the user gave stands.
final class SimulationChecker {
  private unowned let simulation: AgentSimulation
  /// The newest event checked.
  private(set) var lastID: Int64 = 0
  private var events: [String: [HistoryEvent]] = [:]
  /// The new notifications checked.
  private(set) var newShowsChecked = 0
  private var showsBefore = 0
  private var summariesChecked = 0
  private var firstSeen: Set<String> = []
  /// New notifications allowed in this step without a record: a restarted server's.
  var reshows = 0
  /// The show count of each notification (by its serial) the user has already looked at.
  var answered: [Int: Int] = [:]
  /// The answers the user gave that must stand at the end.
  var expected: [String: EventKind] = [:]

  init(simulation: AgentSimulation) { self.simulation = simulation }

  private var planner: Planner { simulation.planner }
  private var settings: ReminderSettings { simulation.settings }

  func check() throws {
    let new = try simulation.store.events(after: lastID)
    lastID = new.map(\.id).max() ?? lastID
    let newShows = simulation.notifier.newShows.count - newShowsChecked
    let shows = simulation.notifier.shows - showsBefore
    newShowsChecked = simulation.notifier.newShows.count
    showsBefore = simulation.notifier.shows
    let fired = new.filter { $0.kind == .fired }
    let summaries = simulation.notifier.summaries - summariesChecked
    summariesChecked = simulation.notifier.summaries
    simulation.counts.shown += newShows
    // Locked or away: nothing is shown, nudged or missed (a restarted server shows again what was open).
    if simulation.presence.isHolding {
      if let event = new.first(where: { $0.kind == .fired || $0.kind == .missed }) {
        throw simulation.failure("\(event.slot ?? "?"): \(event.kind) while locked or away")
      }
      if newShows > reshows { throw simulation.failure("a new notification while locked or away") }
    }
    if summaries > 0, !new.contains(where: { $0.kind == .missed }) {
      throw simulation.failure("a \"While you were away\" notification with nothing missed")
    }
    // With the server down a reminder goes to stderr; once it is back, what is open shows again.
    if !fired.isEmpty, shows == 0, !simulation.notifier.isDown {
      throw simulation.failure("recorded as shown, but nothing was shown")
    }
    if fired.isEmpty, newShows > reshows + summaries {
      throw simulation.failure("shown without a record in the history")
    }
    reshows = 0
    for event in new {
      guard let id = event.slot else { continue }
      let before = SlotRecord.build(from: events[id] ?? [])[id] ?? SlotRecord()
      events[id, default: []].append(event)
      guard event.kind == .fired || event.kind == .missed else { continue }
      if before.isSettled { throw simulation.failure("\(id): \(event.kind) after it was settled") }
      if event.kind == .fired, before.firedSinceDecision.count >= 2 {
        throw simulation.failure("\(id): shown a third time without an answer")
      }
      if firstSeen.insert(id).inserted { try checkFirst(event, slot: id) }
    }
  }

  /// The first time the agent acts on a slot: on time, caught up at the wake-up (or the pause's
  /// end), or missed by the rule.
  private func checkFirst(_ event: HistoryEvent, slot id: String) throws {
    guard let slot = slot(id, start: event.slotStart) else { return }
    guard let release = simulation.rules.release(slot.start, pause: .running) else { return }
    if simulation.unchecked.contains(where: { $0.from <= release && release <= $0.to }) { return }
    let at = event.at
    let early = release.addingTimeInterval(-settings.mergeWindow - 1)
    if event.kind == .fired, at >= early, at <= release.addingTimeInterval(1) { return }
    guard let shownAt = heldBack(release) else {
      throw simulation.failure("\(id) due at \(stamp(release)) while awake, but \(event.kind) at \(stamp(at))")
    }
    if simulation.away.contains(where: { $0.to == shownAt }) { simulation.counts.shownOnReturn += 1 }
    // The catch-up rule: missed once older than the window, or past its due end.
    let dueEnd = planner.dueEnd(of: slot)
    func tooLate(_ instant: Date) -> Bool {
      instant.timeIntervalSince(slot.start) > settings.catchUpWindow || instant >= dueEnd
    }
    let kept =
      event.kind == .missed
      ? at >= release && at <= shownAt.addingTimeInterval(1) && tooLate(at)
      : abs(at.timeIntervalSince(shownAt)) <= 1 && !tooLate(at)
    guard kept else {
      throw simulation.failure(
        "\(id) due at \(stamp(release)) while asleep, off or paused until \(stamp(shownAt)): "
          + "\(event.kind) at \(stamp(at)), the catch-up rule says \(tooLate(shownAt) ? "missed" : "shown") then")
    }
  }

  /// When a reminder released at `release` while asleep, off or paused may show: at the wake-up, or
  /// at a pause's end once out of quiet spans, whichever spans follow each other; nil when awake.
  private func heldBack(_ release: Date) -> Date? {
    var instant = release
    var held = false
    while true {
      func end(_ spans: [(from: Date, to: Date)]) -> Date? {
        spans.filter { $0.from < instant && instant < $0.to }.map(\.to).max()
      }
      // Locked or away holds a reminder as a suspend does: shown (or missed) on return.
      let dark = end(simulation.dark + simulation.away)
      let paused = end(simulation.paused)
      guard let last = [dark, paused].compactMap({ $0 }).max() else { break }
      held = true
      // A pause still standing when it ends holds the reminder through a quiet span too.
      instant = dark.map { $0 >= last } ?? false ? last : simulation.rules.release(last, pause: .running) ?? last
    }
    return held ? instant : nil
  }

  /// At a day's end: `tiptoe plan`'s statuses (the command line's reading of the history) equal the
  /// agent's reading of it, and every reminder the agent has open is for a slot the plan calls due.
  func checkDayEnd() throws {
    guard let agent = simulation.agent else { return }
    simulation.counts.dayEnds += 1
    let now = simulation.now
    let today = localDate(now)
    // As `tiptoe plan` reads it (PlanView), and as the agent reads it before deciding.
    let plan = try simulation.store.history(planner, from: today, days: 1)
    let view = try agent.store.history(around: now, rules: agent.decidingRules)
    for slot in planner.slots(on: today) {
      let (said, seen) = (plan.status(of: slot, now: now), view.status(of: slot, now: now))
      if said != seen {
        throw simulation.failure("at the day's end `tiptoe plan` says \(slot.id) is \(said), the agent \(seen)")
      }
    }
    // Locked or away, the agent misses nothing until the person is back.
    for entry in agent.open where !simulation.presence.isHolding {
      for slot in entry.slots where plan.status(of: slot, now: now) != .due {
        throw simulation.failure(
          "at the day's end \(slot.id) is on screen, but `tiptoe plan` says \(plan.status(of: slot, now: now))")
      }
    }
  }

  /// At the end: nothing lost, no answer lost, in each system zone the run had.
  func finish() throws {
    let last = simulation.end.addingTimeInterval(-2 * 86400)
    var seen: Set<String> = []
    for (index, epoch) in simulation.epochs.enumerated() {
      let until = index + 1 < simulation.epochs.count ? min(simulation.epochs[index + 1].from, last) : last
      guard epoch.from < until else { continue }
      try finish(epoch.planner, from: epoch.from, until: until, seen: &seen)
    }
  }

  private func finish(_ planner: Planner, from: Date, until last: Date, seen: inout Set<String>) throws {
    func localDate(_ instant: Date) -> LocalDate {
      ISO8601.localDateTime(instant, utcOffset: planner.timeZone.secondsFromGMT(for: instant)).0
    }
    let rules = ReminderRules(planner: planner, settings: settings)
    let history = try simulation.store.history(
      planner, from: localDate(from), days: localDate(last).dayNumber - localDate(from).dayNumber + 1)
    let slots = planner.slots(from: localDate(from), days: nil).lazy.prefix(while: { $0.start < last })
    for slot in slots where slot.start >= from && seen.insert(slot.id).inserted {
      simulation.counts.slots += 1
      let record = history.record(of: slot)
      if let answer = expected[slot.id], record.decision != answer {
        throw simulation.failure(
          "\(slot.id): the user's \(answer) became \(record.decision.map(\.rawValue) ?? "nothing")")
      }
      // Settled, or optional because its week met the exercise's goal: nothing to remind or miss.
      if record.isSettled || history.isOptional(slot) { continue }
      // Near a change of the system zone its id stood for another instant: not followed.
      if simulation.epochs.dropFirst().contains(where: { abs($0.from.timeIntervalSince(slot.start)) < 36 * 3600 }) {
        continue
      }
      let planned = record.snoozedUntil ?? slot.start
      let release = rules.release(planned, pause: .running) ?? planned
      let asleep = (simulation.dark + simulation.paused + simulation.away).contains {
        $0.from < release && release <= $0.to
      }
      // Due (or back from a snooze) while asleep or paused and out of the rules' sight at the end
      // of it (an earlier day), or to be missed while the agent was stopped (it forgets its reminders
      // then): missed by its status alone.
      let dueEnd = planner.dueEnd(of: slot)
      let missAt = record.firedSinceDecision.first.map { min($0.addingTimeInterval(settings.missAfter), dueEnd) }
      let off = missAt.map { at in simulation.stopped.contains { $0.from < at && at <= $0.to } } ?? false
      if record.firedSinceDecision.isEmpty && asleep || off, history.status(of: slot, now: simulation.end) == .missed {
        continue
      }
      let dark = simulation.dark.filter { $0.to > slot.start && $0.from < slot.start.addingTimeInterval(86400) }
        .map { "\(stamp($0.from)) – \(stamp($0.to))" }
      throw simulation.failure("\(slot.id) at \(stamp(slot.start)) was lost: \(record); asleep or off \(dark)")
    }
  }

  private func slot(_ id: String, start: Date?) -> Slot? {
    guard let date = Slot.date(ofID: id) else { return nil }
    return planner.slots(on: date).first { $0.id == id }
  }

  private func localDate(_ instant: Date) -> LocalDate {
    ISO8601.localDateTime(instant, utcOffset: planner.timeZone.secondsFromGMT(for: instant)).0
  }

  private func stamp(_ instant: Date) -> String {
    ISO8601.format(instant, utcOffset: planner.timeZone.secondsFromGMT(for: instant))
  }
}
