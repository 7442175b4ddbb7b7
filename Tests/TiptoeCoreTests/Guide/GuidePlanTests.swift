import Testing

@testable import TiptoeCore

struct GuidePlanTests {
  let builtIn = try! RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")

  func phases(_ id: String) throws -> [GuidePhase] {
    try GuidePlan.phases(for: #require(builtIn.exercise(id: id)))
  }

  /// Each phase as "kind seconds": the shape of a session at a glance.
  func shape(_ phases: [GuidePhase]) -> [String] { phases.map { "\($0.kind.rawValue) \($0.seconds)" } }

  @Test func toePressesAreTenHoldsOfThreeSecondsWithALetGoBetween() throws {
    let phases = try phases("toe-presses")
    #expect(
      shape(phases) == ["ready 5"] + Array(repeating: ["work 3", "release 2"], count: 10).flatMap { $0 }.dropLast())
    #expect(phases[0].text == "Stand and bend your knees slightly; Grip the floor with your toes")
    #expect(phases[1].text == "Hold for 3 seconds, then let go")
    #expect(phases[19].position == "rep 10 of 10")
    #expect(GuidePlan.seconds(phases) == 5 + 10 * 3 + 9 * 2)  // 53
  }

  @Test func toeWalkingIsFiveWalksWithTheRestBetween() throws {
    let phases = try phases("toe-walking")
    #expect(
      shape(phases) == ["ready 5"] + Array(repeating: ["work 20", "rest 15"], count: 5).flatMap { $0 }.dropLast())
    #expect(phases[1].text == "Walk forward for 20 seconds")
    #expect(phases[2].text == "Rest for 15 seconds, then walk again")
    #expect(phases[3].position == "rep 2 of 5")
    #expect(GuidePlan.seconds(phases) == 5 + 5 * 20 + 4 * 15)  // 165
  }

  @Test func ankleCirclesGoEachWayOnEachLeg() throws {
    let phases = try phases("ankle-circles")
    #expect(
      shape(phases) == [
        "ready 5", "work 10", "release 2", "work 10", "switchSides 5", "work 10", "release 2", "work 10",
      ])
    #expect(phases[0].text == "Lie on your back and lift one leg")
    #expect(phases[1].text == "Circle the ankle clockwise for a count of 10")
    #expect(phases[3].text == "Circle it counterclockwise for a count of 10")
    #expect(phases[4].text == "Switch legs and repeat")
    #expect(phases[7].position == "side 2 of 2 · rep 2 of 2")
    #expect(GuidePlan.seconds(phases) == 5 + 2 * (10 + 2 + 10) + 5)  // 54
  }

  @Test func resistedFlexionIsTenHoldsOfFiveSeconds() throws {
    let phases = try phases("resisted-flexion")
    #expect(
      shape(phases) == ["ready 5"] + Array(repeating: ["work 5", "release 2"], count: 10).flatMap { $0 }.dropLast())
    #expect(phases[0].text.hasPrefix("Sit on the floor, feet straight out in front; Loop an exercise band"))
    #expect(phases[1].text == "Bend the foot back and hold for 5 seconds, then release")
    #expect(GuidePlan.seconds(phases) == 5 + 10 * 5 + 9 * 2)  // 73
  }

  @Test func pencilPickupsAreFiveHoldsForEachFoot() throws {
    let phases = try phases("toe-pencil-pickups")
    let side = Array(repeating: ["work 10", "release 2"], count: 5).flatMap { $0 }.dropLast()
    #expect(shape(phases) == ["ready 5"] + side + ["switchSides 5"] + side)
    #expect(phases[1].text == "Hold for 10 seconds, then release")
    #expect(phases[10].kind == .switchSides && phases[10].text == "Repeat with the other foot")
    #expect(GuidePlan.seconds(phases) == 5 + 2 * (5 * 10 + 4 * 2) + 5)  // 126
  }

  @Test func theWholeRoutineRunsInOrder() throws {
    let phases = try GuidePlan.phases(for: builtIn.exercises)
    #expect(GuidePlan.seconds(phases) == 53 + 165 + 54 + 73 + 126)  // 471: 7 min 51 s
    #expect(phases.filter { $0.kind == .ready }.map(\.exercise) == builtIn.exercises.map(\.id))
  }

  @Test func setsRestBetweenRepsAndBetweenSets() throws {
    let exercise = Exercise(
      id: "short", title: "Short", timing: .at([]), steps: ["Stand", "Grip: hold for 2 seconds", "Rest for 2 seconds"],
      reps: 3, hold: "2s", sets: 2, rest: "2s")
    let phases = try GuidePlan.phases(for: exercise, countIn: 3)
    #expect(shape(phases) == ["ready 3"] + Array(repeating: ["work 2", "rest 2"], count: 6).flatMap { $0 }.dropLast())
    #expect(
      phases.map(\.position)[1...3] == [
        "set 1 of 2 · rep 1 of 3", "set 1 of 2 · rep 1 of 3", "set 1 of 2 · rep 2 of 3",
      ])
    #expect(phases[7].position == "set 2 of 2 · rep 1 of 3")
    // A hold and a rest of the same length: the rest's step is the last one naming the number.
    #expect(phases.filter { $0.kind == .work }.allSatisfy { $0.text == "Grip: hold for 2 seconds" })
    #expect(phases.filter { $0.kind == .rest }.allSatisfy { $0.text == "Rest for 2 seconds" })
    let alone = Exercise(
      id: "a", title: "A", timing: .at([]), steps: ["Stand", "Hold 2 s"], reps: 2, hold: "2s", rest: "2s")
    #expect(try GuidePlan.phases(for: alone).map(\.text) == ["Stand", "Hold 2 s", "Rest", "Hold 2 s"])
    #expect(GuidePlan.seconds(phases) == 3 + 6 * 2 + 5 * 2)
  }

  @Test func anEntryWithNoNumbersIsATimerOfItsMinutes() throws {
    let exercise = Exercise(id: "massage", title: "Foot massage", timing: .at([]), minutes: 3, steps: ["Roll a ball"])
    #expect(shape(try GuidePlan.phases(for: exercise)) == ["ready 5", "timer 180"])
    let sides = Exercise(id: "m", title: "M", timing: .at([]), minutes: 3, steps: ["Roll", "Other foot"], sides: 2)
    #expect(
      shape(try GuidePlan.phases(for: sides, countIn: 0)) == ["ready 0", "timer 90", "switchSides 0", "timer 90"])
  }

  @Test func repsWithoutAHoldShareTheMinutes() throws {
    let exercise = Exercise(id: "r", title: "R", timing: .at([]), minutes: 1, reps: 6)
    #expect(
      try GuidePlan.phases(for: exercise).filter { $0.kind == .work }.map(\.seconds) == Array(repeating: 10, count: 6))
  }

  @Test func aHoldThatIsNoDurationIsAnError() {
    let exercise = Exercise(id: "r", title: "R", timing: .at([]), reps: 2, hold: "a while")
    #expect(throws: CoreError.badDuration("a while")) { try GuidePlan.phases(for: exercise) }
  }

  @Test func aNumberIsMentionedOnlyAsAWholeNumber() {
    #expect(GuidePlan.mentions("count of 10", 10))
    #expect(!GuidePlan.mentions("count of 100", 10))
    #expect(GuidePlan.mentions("3 seconds", 3) && !GuidePlan.mentions("13 seconds", 3))
  }
}
