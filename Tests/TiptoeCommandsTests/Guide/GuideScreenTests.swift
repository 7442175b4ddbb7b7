import Testing
import TiptoeCore

@testable import TiptoeCommands

/// What the guide draws, without a terminal.
struct GuideScreenTests {
  let exercise = Exercise(
    id: "toe-presses", title: "Toe presses", timing: .at([]),
    steps: ["Stand", "Grip: hold for 2 seconds", "Rest for 2 seconds"], reps: 3, hold: "2s", sets: 2, rest: "2s")

  @Test func theScreenShowsThePhaseItsPositionTheCountdownAndTheKeys() throws {
    var session = GuideSession(phases: try GuidePlan.phases(for: exercise, countIn: 1), at: 0)
    session.update(at: 1.5)
    let lines = GuideScreen(columns: 60, rows: 16, color: false).lines(session, exercises: [exercise], recorded: [])
    #expect(lines.count == 16)
    #expect(lines[0] == "Toe presses")
    #expect(lines[2].hasPrefix(" Go ") && lines[2].hasSuffix("set 1 of 2 · rep 1 of 3"))
    #expect(lines[3] == "   Grip: hold for 2 seconds")
    #expect(lines[5].hasPrefix("   2 s  █"))
    #expect(lines[7] == "   Next: Rest 2 s")
    #expect(lines[11] == " › 2. Grip: hold for 2 seconds")
    #expect(lines.last == GuideScreen.help)
    #expect(lines.allSatisfy { Terminal.columns($0) <= 60 })
  }

  @Test func aNarrowScreenCutsLinesAndKeepsTheKeys() throws {
    let session = GuideSession(phases: try GuidePlan.phases(for: exercise), at: 0)
    let lines = GuideScreen(columns: 20, rows: 6, color: true).lines(session, exercises: [exercise], recorded: [])
    #expect(lines.count == 6)
    #expect(lines.allSatisfy { Terminal.columns(GuideScreen.stripped($0)) <= 20 })
  }

  @Test func plainLinesCarryNoEscapes() throws {
    let phases = try GuidePlan.phases(for: exercise)
    #expect(
      GuideScreen.plainLine(phases[1], at: 5)
        == "0:05  Toe presses · set 1 of 2 · rep 1 of 3 · Go 2 s: Grip: hold for 2 seconds")
    #expect(GuideScreen.printable("Hold\u{1B}[2J\u{07}") == "Hold\u{FFFD}[2J\u{FFFD}")
    #expect(GuideScreen.clock(471) == "7:51" && GuideScreen.clock(3723) == "1:02:03")
  }
}
