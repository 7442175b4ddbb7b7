// Whole simulated years of the agent (see `AgentSimulation`), built in release: `make test` runs a
// year per zone and routine, `make soak` a hundred. Never installed.
//
//   tiptoe-simulate [--years N] [--seed S] [--zone Z]... [--routine built-in|mixed]...
import ArgumentParser
import Foundation
import Synchronization
import TiptoeCore
import TiptoeSimulation

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tiptoe-simulate",
    abstract: "Run the agent through simulated years, checking its invariants after every step.",
    discussion: """
      Each year runs from January 1, 2026 with its own seed (the first is --seed), in every zone and \
      for both routines unless --zone and --routine pick some. A failure names its seed and step; \
      the same options with --years 1 --seed SEED run it again.
      Example: tiptoe-simulate --years 1 --seed 1000 --zone Australia/Lord_Howe --routine mixed
      """)

  @Option(help: "Simulated years per zone and routine.") var years = 1
  @Option(help: "The first year's seed; each further year adds 1.") var seed: UInt64 = 1000
  @Option(help: ArgumentHelp("A zone (default: all four).", valueName: "zone")) var zone: [String] = []
  @Option(help: ArgumentHelp("built-in or mixed (default: both).", valueName: "routine")) var routine: [String] = []

  func validate() throws {
    guard years > 0 else { throw ValidationError("--years must be at least 1 (example: --years 1)") }
    for name in routine where !["built-in", "mixed"].contains(name) {
      throw ValidationError("--routine is built-in or mixed, not '\(name)' (example: --routine mixed)")
    }
    for name in zone where TimeZone(identifier: name) == nil {
      throw ValidationError("--zone '\(name)' is not a time zone (example: --zone Europe/Berlin)")
    }
  }

  func run() throws {
    let routines = try (routine.isEmpty ? ["built-in", "mixed"] : routine).map { name in
      (name, name == "mixed" ? try AgentSimulationRoutines.mixed() : try AgentSimulationRoutines.builtIn())
    }
    let jobs = (0..<years).flatMap { year in
      (zone.isEmpty ? AgentSimulationRoutines.zones : zone).flatMap { zone in
        routines.map { (seed: seed + UInt64(year), zone: zone, routine: $0) }
      }
    }
    let first = LocalDate(iso: "2026-01-01")!
    // The runs that failed; printing happens under the same lock, a line at a time.
    let failed = Mutex(0)
    let clock = ContinuousClock()
    let began = clock.now
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      let started = clock.now
      let changes = AgentSimulationRoutines.zoneChanges(inAYearFrom: job.zone)
      let line: String
      var ok = false
      do {
        let simulation = try AgentSimulation(
          seed: job.seed, zone: job.zone, routine: job.routine.1, first: first, days: 365, zoneChanges: changes)
        defer { simulation.removeFiles() }
        try simulation.run()
        let shortfalls = simulation.shortfalls(days: 365, zoneChanges: changes.count)
        ok = shortfalls.isEmpty
        line =
          simulation.summary(zone: job.zone, first: first, days: 365) + ", in \(clock.now - started)"
          + (ok ? "" : "\n  FAILED: it should have covered " + shortfalls.joined(separator: ", "))
      } catch {
        line =
          "FAILED: \(error)\n  to run it again: tiptoe-simulate --years 1 --seed \(job.seed) --zone \(job.zone) "
          + "--routine \(job.routine.0)"
      }
      failed.withLock { count in
        if !ok { count += 1 }
        print(line)
      }
    }
    let failures = failed.withLock { $0 }
    print("\(jobs.count - failures) of \(jobs.count) simulated years passed in \(clock.now - began)")
    if failures > 0 { throw ExitCode.failure }
  }
}

Simulate.main()
