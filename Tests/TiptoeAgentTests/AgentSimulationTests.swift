import Foundation
import Testing
import TiptoeCore
import TiptoeSimulation

/// The real agent driven through simulated weeks per zone and seed (see ``AgentSimulation``): both
/// DST changes of every zone, changes of the system zone, suspends, restarts, clock sets, pauses,
/// crashes of the notification server, screen locks, times away and do-not-disturb, and random
/// answers from the buttons and the command line, with the invariants of ``SimulationChecker``
/// checked after every step. A failure names its seed and step; `TIPTOE_SIMULATION_SEED=n` runs that
/// seed alone, and a regression pins it in `seeds`.
///
/// These are the short runs, on the debug build: 45 days around each DST change, 16 days of the
/// 30-exercise routine. Whole years run in release: `tiptoe-simulate`, a year per zone and routine in
/// `make test` and a hundred in `make soak`.
@Suite struct AgentSimulationTests {
  static let zones = AgentSimulationRoutines.zones

  /// `TIPTOE_SIMULATION_SEED` alone, else 1.
  static var seeds: [UInt64] {
    UInt64(ProcessInfo.processInfo.environment["TIPTOE_SIMULATION_SEED"] ?? "").map { [$0] } ?? [1]
  }

  /// 45 days from March 1 and from September 25 hold both DST changes of every zone.
  static let spans = ["2026-03-01", "2026-09-25"]

  @Test(arguments: zones, spans)
  func theBuiltInRoutineAcrossADSTChange(zone: String, first: String) throws {
    for seed in Self.seeds {
      try simulate(seed: seed, zone: zone, first: LocalDate(iso: first)!, days: 45)
    }
  }

  /// From March 24, through Berlin's, Sydney's and Lord Howe's spring changes.
  @Test(arguments: zones)
  func aMixedRoutine(zone: String) throws {
    for seed in Self.seeds {
      try simulate(
        seed: seed, zone: zone, routine: AgentSimulationRoutines.mixed(), first: LocalDate(iso: "2026-03-24")!,
        days: 16)
    }
  }

  /// Berlin → New York → Sydney: the agent plans again in each zone, through Berlin's spring-forward
  /// before and Sydney's fall-back after.
  static let zoneChanges = [(day: 10, zone: "America/New_York"), (day: 14, zone: "Australia/Sydney")]

  @Test func theSystemZoneChangesTwice() throws {
    for seed in Self.seeds {
      try simulate(
        seed: seed, zone: "Europe/Berlin", first: LocalDate(iso: "2026-03-22")!, days: 24,
        zoneChanges: Self.zoneChanges)
    }
  }

  // MARK: The checker catches what it is for

  /// An agent that shows a reminder and crashes before the record is written is caught at once,
  /// with its seed and step; the same seed breaks at the same step again.
  @Test func aShowWithoutItsRecordIsCaughtWithItsSeedAndStep() throws {
    let first = try failure(seed: 7, mutation: .showBeforeRecord)
    #expect(first.seed == 7 && first.step > 0)
    #expect(first.message.contains("shown without a record"))
    #expect("\(first)".contains("seed 7") && "\(first)".contains("step \(first.step)"))
    let again = try failure(seed: 7, mutation: .showBeforeRecord)
    #expect(again.step == first.step && again.message == first.message)
  }

  /// An agent that catches up slots older than the catch-up window is caught, reproducibly.
  @Test func aBrokenCatchUpRuleIsCaughtWithItsSeedAndStep() throws {
    let first = try failure(seed: 3, mutation: .lateCatchUp)
    #expect(first.message.contains("the catch-up rule says missed"))
    let again = try failure(seed: 3, mutation: .lateCatchUp)
    #expect(again.step == first.step && again.message == first.message)
  }

  /// An agent that shows reminders while the screen is locked or nobody is there is caught, reproducibly.
  @Test func remindersShownWhileLockedAreCaughtWithTheirSeedAndStep() throws {
    let first = try failure(seed: 5, mutation: .deafToPresence)
    #expect(first.message.contains("while locked or away"))
    let again = try failure(seed: 5, mutation: .deafToPresence)
    #expect(again.step == first.step && again.message == first.message)
  }

  /// Runs a broken agent for 45 days in Berlin; returns how the checker stopped it.
  private func failure(seed: UInt64, mutation: AgentSimulation.Mutation) throws -> SimulationFailure {
    let simulation = try AgentSimulation(
      seed: seed, zone: "Europe/Berlin", routine: AgentSimulationRoutines.builtIn(),
      first: LocalDate(iso: "2026-03-01")!, days: 45, mutation: mutation)
    defer { simulation.removeFiles() }
    do {
      try simulation.run()
    } catch let failure as SimulationFailure {
      return failure
    }
    Issue.record("the checker let \(mutation) through with seed \(seed)")
    throw CancellationError()
  }

  private func simulate(
    seed: UInt64, zone: String, routine: Routine? = nil, first: LocalDate, days: Int,
    zoneChanges: [(day: Int, zone: String)] = []
  ) throws {
    let simulation = try AgentSimulation(
      seed: seed, zone: zone, routine: routine ?? AgentSimulationRoutines.builtIn(), first: first, days: days,
      zoneChanges: zoneChanges)
    defer { simulation.removeFiles() }
    let clock = ContinuousClock()
    let began = clock.now
    do {
      try simulation.run()
    } catch let failure as SimulationFailure {
      Issue.record(
        "\(failure)\n  to run it again: TIPTOE_SIMULATION_SEED=\(seed) swift test --filter AgentSimulationTests")
      return
    }
    print(simulation.summary(zone: zone, first: first, days: days) + ", in \(clock.now - began)")
    let shortfalls = simulation.shortfalls(days: days, zoneChanges: zoneChanges.count)
    #expect(shortfalls.isEmpty, "the run should have covered \(shortfalls.joined(separator: ", "))")
  }
}
