import Foundation
import TiptoeCore

/// What a finished run covered, and whether that is all a run of its length must cover.
extension AgentSimulation {
  /// One line of counts: `simulated Europe/Berlin from 2026-01-01, 365 days, seed 1000: 2848 slots, …`.
  package func summary(zone: String, first: LocalDate, days: Int) -> String {
    "simulated \(routine.name) in \(zone) from \(first), \(days) days, seed \(seed): \(counts.slots) slots, "
      + "\(counts.shown) notifications, \(counts.suspends) suspends, \(counts.restarts) restarts, "
      + "\(counts.pauses) pauses, \(counts.serverCrashes) server crashes, \(counts.locks) locks, "
      + "\(counts.aways) times away, \(counts.doNotDisturbs) times do-not-disturb "
      + "(\(counts.shownOnReturn) slots held to the return), \(counts.actions) answers, "
      + "\(counts.dayEnds) day ends checked against the plan, \(epochs.count) zones, \(step) steps"
  }

  /// What the run should have met and did not (empty when it covered everything): every kind of
  /// disruption, as many times as planned, and enough slots and day ends for its length.
  package func shortfalls(days: Int, zoneChanges: Int) -> [String] {
    var missing: [String] = []
    func expect(_ met: Bool, _ what: String) { if !met { missing.append(what) } }
    expect(counts.slots > days * 6, "more than \(days * 6) slots (\(counts.slots))")
    expect(counts.suspends > 0, "a suspend")
    expect(counts.restarts == 5, "5 restarts (\(counts.restarts))")
    expect(counts.pauses > 0, "a pause")
    expect(counts.dayEnds >= days / 4, "\(days / 4) day ends checked (\(counts.dayEnds))")
    expect(counts.serverCrashes == 3, "3 server crashes (\(counts.serverCrashes))")
    expect(counts.locks == 8 && counts.aways == 8, "8 locks and 8 times away (\(counts.locks), \(counts.aways))")
    expect(counts.doNotDisturbs == 8, "8 times do-not-disturb (\(counts.doNotDisturbs))")
    expect(counts.shownOnReturn > 0, "a slot held to the return")
    expect(epochs.count == zoneChanges + 1, "\(zoneChanges + 1) zones (\(epochs.count))")
    return missing
  }
}
