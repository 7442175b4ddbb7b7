import Foundation
import Testing
import TiptoeCore

@testable import TiptoeAgent

/// The real agent driven through simulated years per zone and seed (see ``AgentSimulation``): both
/// DST changes of every zone, changes of the system zone, suspends, restarts, clock sets, pauses,
/// crashes of the notification server, screen locks, times away and do-not-disturb, and random answers from the
/// buttons and the command line, with the invariants of ``SimulationChecker`` checked after every
/// step. A failure names its seed and step; `TIPTOE_SIMULATION_SEED=n` runs that seed alone, and a
/// regression pins it in `seeds`.
///
/// `make test` runs a year of the built-in routine in Berlin, 45 days around each DST change in the
/// other zones, and `mixedDays` of the 30-exercise routine; `TIPTOE_SIMULATION_YEARS=n` runs n whole
/// years of both routines per zone, one seed a year (`make soak`). A simulated year of the built-in
/// routine takes about 45 s of CPU in a debug build: four of them would be most of the unit tests' time.
@Suite struct AgentSimulationTests {
  static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"]
  static var years: Int { Int(ProcessInfo.processInfo.environment["TIPTOE_SIMULATION_YEARS"] ?? "") ?? 0 }

  /// The seeds to run, each from January 1, 2026: `TIPTOE_SIMULATION_SEED` alone, one a year from
  /// 1000 in a soak, else 1.
  static var seeds: [UInt64] {
    if let seed = UInt64(ProcessInfo.processInfo.environment["TIPTOE_SIMULATION_SEED"] ?? "") { return [seed] }
    return years > 0 ? (0..<UInt64(years)).map { 1000 + $0 } : [1]
  }

  static let first = LocalDate(iso: "2026-01-01")!

  static func routine() throws -> Routine {
    try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
  }

  /// The zones that run a whole year of the built-in routine: Berlin, or every zone in a soak.
  static var yearZones: [String] { years > 0 ? zones : ["Europe/Berlin"] }

  /// A year holds both DST changes of every zone. Berlin's changes the system zone to New York
  /// after its own autumn change (and New York's comes after), then to Sydney.
  @Test(arguments: yearZones)
  func aYearOfTheBuiltInRoutine(zone: String) throws {
    let changes =
      zone == "Europe/Berlin" ? [(day: 300, zone: "America/New_York"), (day: 320, zone: "Australia/Sydney")] : []
    for seed in Self.seeds {
      try simulate(seed: seed, zone: zone, first: Self.first, days: 365, zoneChanges: changes)
    }
  }

  /// 45 days from March 1 and from September 25 hold both DST changes of every zone.
  static let spans = ["2026-03-01", "2026-09-25"]

  @Test(.enabled(if: years == 0), arguments: zones.filter { !yearZones.contains($0) }, spans)
  func theBuiltInRoutineAcrossADSTChange(zone: String, first: String) throws {
    for seed in Self.seeds {
      try simulate(seed: seed, zone: zone, first: LocalDate(iso: first)!, days: 45)
    }
  }

  /// 30 exercises: every phrase kind, `at` times in the night, weekdays, and two quiet spans.
  static func mixedRoutine() throws -> Routine {
    let phrases = [
      "3 times a day", "twice a day", "once a day", "daily", "every other day", "twice or three times a week",
      "weekly", "4 times per day", "a few times a day", "2-3 times a day",
    ]
    let nights = [["23:30"], ["00:30", "06:00"], ["02:15"], ["12:45", "22:50"], ["05:59", "23:59"]]
    var text = "name = \"Mixed\"\n[day]\nstart = \"07:00\"\nend = \"23:00\"\n"
    text += "quiet = [\"12:30-13:15\", \"22:45-23:40\"]\n"
    for index in 0..<30 {
      text += "[[exercise]]\nid = \"exercise-\(index)\"\ntitle = \"Exercise \(index)\"\nsteps = [\"Move\"]\n"
      if index % 5 == 4 {
        text += "at = [" + nights[index / 5 % nights.count].map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
      } else {
        text += "every = \"\(phrases[index % phrases.count])\"\n"
      }
      if index % 7 == 3 { text += "days = [\"mon\", \"wed\", \"fri\", \"sun\"]\n" }
    }
    return try RoutineLoader.load(text, file: "mixed.toml")
  }

  /// How long `make test` runs the mixed routine: from March 24, through Berlin's, Sydney's and Lord
  /// Howe's spring changes (New York's is in its year of the built-in routine).
  static let mixedDays = 16

  @Test(arguments: zones)
  func aMixedRoutine(zone: String) throws {
    let (first, days) = Self.years == 0 ? (LocalDate(iso: "2026-03-24")!, Self.mixedDays) : (Self.first, 365)
    for seed in Self.seeds {
      try simulate(seed: seed, zone: zone, routine: Self.mixedRoutine(), first: first, days: days)
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
      seed: seed, zone: "Europe/Berlin", routine: Self.routine(), first: LocalDate(iso: "2026-03-01")!, days: 45,
      mutation: mutation)
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
      seed: seed, zone: zone, routine: routine ?? Self.routine(), first: first, days: days, zoneChanges: zoneChanges)
    defer { simulation.removeFiles() }
    let clock = ContinuousClock()
    let began = clock.now
    do {
      try simulation.run()
    } catch let failure as SimulationFailure {
      let years = Self.years > 0 ? "TIPTOE_SIMULATION_YEARS=1 " : ""
      Issue.record(
        "\(failure)\n  to run it again: \(years)TIPTOE_SIMULATION_SEED=\(seed) swift test --filter AgentSimulationTests"
      )
      return
    }
    let counts = simulation.counts
    print(
      "simulated \(zone) from \(first), \(days) days, seed \(seed): \(counts.slots) slots, "
        + "\(counts.shown) notifications, \(counts.suspends) suspends, \(counts.restarts) restarts, "
        + "\(counts.pauses) pauses, \(counts.serverCrashes) server crashes, \(counts.locks) locks, "
        + "\(counts.aways) times away, \(counts.doNotDisturbs) times do-not-disturb "
        + "(\(counts.shownOnReturn) slots held to the return), \(counts.actions) answers, "
        + "\(counts.dayEnds) day ends checked "
        + "against the plan, \(simulation.epochs.count) zones, \(simulation.step) steps, in \(clock.now - began)")
    #expect(simulation.counts.slots > days * 6)
    #expect(simulation.counts.suspends > 0 && simulation.counts.restarts == 5 && simulation.counts.pauses > 0)
    #expect(simulation.counts.dayEnds >= days / 4 && simulation.counts.serverCrashes == 3)
    #expect(simulation.counts.locks == 8 && simulation.counts.aways == 8 && simulation.counts.doNotDisturbs == 8)
    #expect(simulation.counts.shownOnReturn > 0)
    #expect(simulation.epochs.count == zoneChanges.count + 1)
  }
}
