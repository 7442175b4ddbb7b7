import Testing

@testable import TiptoeCore

/// The clock of a session, driven by readings passed in: nothing here waits.
struct GuideSessionTests {
  let builtIn = try! RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")

  /// Runs a session to its end with readings every `step` seconds; returns when it ended.
  func runToEnd(_ session: inout GuideSession, from start: Double, step: Double = 0.25) -> Double {
    var now = start
    while !session.isFinished {
      now += step
      session.update(at: now)
    }
    return now
  }

  @Test(arguments: [
    ("toe-presses", 53), ("toe-walking", 165), ("ankle-circles", 54), ("resisted-flexion", 73),
    ("toe-pencil-pickups", 126),
  ])
  func everyBuiltInExerciseTakesItsTotal(id: String, seconds: Int) throws {
    let phases = try GuidePlan.phases(for: #require(builtIn.exercise(id: id)))
    #expect(GuidePlan.seconds(phases) == seconds)
    var session = GuideSession(phases: phases, at: 1000)
    #expect(session.remainingTotal == seconds)
    // Uneven readings: the overshoot of each phase carries into the next, so the total stays exact.
    let end = runToEnd(&session, from: 1000, step: 0.3)
    #expect(end - 1000 >= Double(seconds) && end - 1000 < Double(seconds) + 0.3)
    #expect(session.finishedExercises == [id])
  }

  @Test(arguments: ["toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"])
  func aPauseStopsTheClockOfEveryExercise(id: String) throws {
    let phases = try GuidePlan.phases(for: #require(builtIn.exercise(id: id)))
    let total = GuidePlan.seconds(phases)
    var session = GuideSession(phases: phases, at: 0)
    session.update(at: 3)
    session.update(at: 6)  // 1 s into the first repetition
    #expect(session.index == 1 && session.remaining == phases[1].seconds - 1)
    session.pause(at: 6.5)
    for now in stride(from: 6.5, through: 600, by: 0.5) { session.update(at: now) }  // ten minutes paused
    #expect(session.index == 1 && session.isPaused && session.remainingTotal == total - 6)
    session.resume(at: 600)
    let end = runToEnd(&session, from: 600)
    #expect(end - 600 == Double(total) - 6.5)
  }

  @Test(arguments: ["toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"])
  func aSuspendPausesInsteadOfRushingThroughPhases(id: String) throws {
    let phases = try GuidePlan.phases(for: #require(builtIn.exercise(id: id)))
    var session = GuideSession(phases: phases, at: 0)
    session.update(at: 2)
    session.update(at: 2 + 3600)  // an hour with no reading: the lid was closed
    #expect(session.index == 0 && session.remaining == 3)
    #expect(session.isPaused && session.wasSuspended)
    session.update(at: 4000)
    #expect(session.remaining == 3)
    session.resume(at: 4000)
    session.update(at: 4003)
    #expect(session.index == 1 && !session.wasSuspended)
  }

  @Test(arguments: ["toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"])
  func skipAndBackMoveOnePhase(id: String) throws {
    let phases = try GuidePlan.phases(for: #require(builtIn.exercise(id: id)))
    var session = GuideSession(phases: phases, at: 0)
    #expect(session.skip(at: 1) == 1)  // past the count-in
    session.update(at: 2)
    #expect(session.remaining == phases[1].seconds - 1)
    #expect(session.skip(at: 2) == 2 && session.current?.kind != .work)
    #expect(session.back(at: 3) == 1 && session.remaining == phases[1].seconds)  // the repetition again, from its start
    #expect(session.back(at: 3) == 0 && session.back(at: 3) == 0)  // no further back than the count-in
    for _ in phases { session.skip(at: 4) }
    #expect(session.isFinished && session.finishedExercises == [id])
    #expect(session.back(at: 5) == phases.count - 1 && session.current == phases.last)
  }

  @Test func phaseChangesAreReportedOnceEach() throws {
    let phases = try GuidePlan.phases(for: #require(builtIn.exercise(id: "toe-presses")))
    var session = GuideSession(phases: phases, at: 0)
    #expect(session.update(at: 4.9) == [])
    #expect(session.remaining == 1 && abs(session.fraction - 0.98) < 1e-9)
    #expect(session.update(at: 5) == [1])
    #expect(session.update(at: 8.5) == [2])  // the hold is over, the let-go began
    #expect(session.update(at: 10.5) == [3])
  }

  @Test func theRoutineRecordsEachExerciseAsItsLastPhaseEnds() throws {
    let exercises = Array(builtIn.exercises.prefix(2))
    var session = GuideSession(phases: try GuidePlan.phases(for: exercises), at: 0)
    var now = 0.0
    while session.finishedExercises.isEmpty {
      now += 1
      session.update(at: now)
    }
    #expect(now == 53 && session.finishedExercises == ["toe-presses"] && session.current?.kind == .ready)
    _ = runToEnd(&session, from: now)
    #expect(session.finishedExercises == ["toe-presses", "toe-walking"])
  }

  @Test func aCountInOfZeroIsPassedOver() throws {
    let exercise = Exercise(id: "r", title: "R", timing: .at([]), reps: 2, hold: "2s", rest: "1s")
    let session = GuideSession(phases: try GuidePlan.phases(for: exercise, countIn: 0), at: 0)
    #expect(session.current?.kind == .work && session.remainingTotal == 5)
  }
}
