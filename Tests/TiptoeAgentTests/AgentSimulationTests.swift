import Foundation
import Testing
import TiptoeCore

@testable import TiptoeAgent

/// The real agent driven through simulated weeks per zone and seed (see ``AgentSimulation``): both
/// DST changes of every zone, suspends, restarts, clock sets and random answers, with the invariants
/// of ``SimulationChecker`` checked after every step. A failure names its seed; pin it in `seeds`.
///
/// `make test` runs 45 days around each DST change; `TIPTOE_SIMULATION_YEARS=n` runs n whole years per
/// zone instead (`make soak`).
@Suite struct AgentSimulationTests {
  static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"]
  static let seeds: [UInt64] = [1]
  /// 45 days from March 1 and from September 25 hold both DST changes of every zone above.
  static let spans = ["2026-03-01", "2026-09-25"]

  static var years: Int { Int(ProcessInfo.processInfo.environment["TIPTOE_SIMULATION_YEARS"] ?? "") ?? 0 }

  static func routine() throws -> Routine {
    try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
  }

  @Test(arguments: zones, spans)
  func theBuiltInRoutineAcrossADSTChange(zone: String, first: String) throws {
    for seed in Self.seeds {
      try simulate(seed: seed, zone: zone, first: LocalDate(iso: first)!, days: 45)
    }
  }

  @Test(.enabled(if: years > 0), arguments: zones)
  func wholeYearsOfTheBuiltInRoutine(zone: String) throws {
    for year in 0..<Self.years {
      try simulate(
        seed: UInt64(1000 + year), zone: zone, first: LocalDate(year: 2026 + year, month: 1, day: 1)!, days: 365)
    }
  }

  private func simulate(seed: UInt64, zone: String, first: LocalDate, days: Int) throws {
    let simulation = try AgentSimulation(seed: seed, zone: zone, routine: Self.routine(), first: first, days: days)
    do {
      try simulation.run()
    } catch let failure as SimulationFailure {
      Issue.record("\(failure)")
      return
    }
    #expect(simulation.counts.slots > days * 6)
    #expect(simulation.counts.suspends > 0 && simulation.counts.restarts == 5)
  }
}
