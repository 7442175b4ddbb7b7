import Foundation
import TiptoeCore
import TiptoeStore

/// The invariants of a simulated run, checked on the history file after every step.
///
/// - a slot is shown at most twice between decisions (the reminder and its nudge), never once settled;
/// - a record is written only when a notification is shown, and a new notification only with a record;
/// - a slot that comes due while the machine is awake is first shown within one second of its time
///   (or up to the merge window before, joining an earlier reminder);
/// - a slot passed over while asleep or off is shown at the wake-up when the catch-up rule allows it,
///   and logged missed then otherwise (or, days old, is missed by its status alone);
/// - at the end every slot is settled, and every answer the user gave stands.
final class SimulationChecker {
  private unowned let simulation: AgentSimulation
  private var lastID: Int64 = 0
  private var events: [String: [HistoryEvent]] = [:]
  private var newBefore = 0
  private var showsBefore = 0
  private var firstSeen: Set<String> = []
  /// The show count of each notification the user has already looked at.
  var answered: [ObjectIdentifier: Int] = [:]
  /// The answers the user gave that must stand at the end.
  var expected: [String: EventKind] = [:]

  init(simulation: AgentSimulation) { self.simulation = simulation }

  private var planner: Planner { simulation.planner }
  private var settings: ReminderSettings { simulation.settings }

  func check() throws {
    let new = try simulation.store.events(after: lastID)
    lastID = new.map(\.id).max() ?? lastID
    let newShows = simulation.notifier.newShows.count - newBefore
    let shows = simulation.notifier.shows - showsBefore
    newBefore = simulation.notifier.newShows.count
    showsBefore = simulation.notifier.shows
    let fired = new.filter { $0.kind == .fired }
    simulation.counts.shown += newShows
    if !fired.isEmpty, shows == 0 { throw simulation.failure("recorded as shown, but nothing was shown") }
    if fired.isEmpty, newShows > 0 { throw simulation.failure("shown without a record in the history") }
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

  /// The first time the agent acts on a slot: on time, caught up at the wake-up, or missed by the rule.
  private func checkFirst(_ event: HistoryEvent, slot id: String) throws {
    guard let slot = slot(id, start: event.slotStart) else { return }
    guard let release = simulation.rules.release(slot.start, pause: .running) else { return }
    if simulation.unchecked.contains(where: { $0.from <= release && release <= $0.to }) { return }
    let at = event.at
    let early = release.addingTimeInterval(-settings.mergeWindow - 1)
    if event.kind == .fired, at >= early, at <= release.addingTimeInterval(1) { return }
    guard let dark = simulation.dark.first(where: { $0.from < release && release <= $0.to }) else {
      throw simulation.failure("\(id) due at \(stamp(release)) while awake, but \(event.kind) at \(stamp(at))")
    }
    let shouldMiss =
      dark.to.timeIntervalSince(slot.start) > settings.catchUpWindow || dark.to >= planner.dueEnd(of: slot)
    guard abs(at.timeIntervalSince(dark.to)) <= 1, (event.kind == .missed) == shouldMiss else {
      throw simulation.failure(
        "\(id) due at \(stamp(release)) while asleep until \(stamp(dark.to)): "
          + "\(event.kind) at \(stamp(at)), the catch-up rule says \(shouldMiss ? "missed" : "shown") at the wake-up")
    }
  }

  /// At the end: nothing lost, no answer lost.
  func finish() throws {
    let last = simulation.end.addingTimeInterval(-2 * 86400)
    let history = try simulation.store.history(
      planner, from: localDate(simulation.start),
      days: localDate(last).dayNumber - localDate(simulation.start).dayNumber)
    for slot in planner.slots(from: localDate(simulation.start), days: nil).lazy.prefix(while: { $0.start < last }) {
      simulation.counts.slots += 1
      let record = history.record(of: slot)
      if let answer = expected[slot.id], record.decision != answer {
        throw simulation.failure(
          "\(slot.id): the user's \(answer) became \(record.decision.map(\.rawValue) ?? "nothing")")
      }
      // Settled, or optional because its week met the exercise's goal: nothing to remind or miss.
      if record.isSettled || history.isOptional(slot) { continue }
      let planned = record.snoozedUntil ?? slot.start
      let release = simulation.rules.release(planned, pause: .running) ?? planned
      let asleep = simulation.dark.contains { $0.from < release && release <= $0.to }
      // Due (or back from a snooze) while asleep and out of the rules' sight at the wake-up (an
      // earlier day), or to be missed while the agent was stopped (it forgets its reminders then):
      // missed by its status alone.
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
