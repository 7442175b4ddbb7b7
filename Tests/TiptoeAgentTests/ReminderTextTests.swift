import Foundation
import Testing
import TiptoeCore

@testable import TiptoeAgent

/// What the notifications say.
struct ReminderTextTests {
  let planner: Planner

  init() throws {
    let text = """
      name = "Test"
      [day]
      timezone = "Europe/Berlin"
      [[exercise]]
      id = "toe-presses"
      title = "Toe presses"
      at = ["09:10", "13:00", "19:00"]
      steps = ["Stand", "Grip the floor", "Hold 3 s"]
      reps = 10
      hold = "3s"
      sets = 1
      [[exercise]]
      id = "heel-raises"
      title = "Heel raises"
      at = ["09:12"]
      minutes = 3
      """
    planner = Planner(
      routine: try RoutineLoader.load(text, file: "test.toml"), timeZone: TimeZone(identifier: "Europe/Berlin")!)
  }

  func slots(_ ids: [String]) -> [Slot] {
    let all = planner.slots(on: LocalDate(iso: "2026-11-23")!)
    return ids.map { id in all.first { $0.id == id }! }
  }

  @Test func oneSlotSaysWhichOfTodaysItIsTheStepsAndTheNumbers() {
    let reminder = Reminder(kind: .due, slots: slots(["toe-presses/2026-11-23/2"]), canSnooze: true)
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: true)
    #expect(text.title == "Toe presses — 2 of 3 today")
    #expect(text.body == "1. Stand\n2. Grip the floor\n3. Hold 3 s\n10 reps · hold 3s · 1 set · 2 min")
    #expect(text.buttons.map(\.label) == ["Done", "Snooze 10 min", "Skip"])
    #expect(text.buttons.map(\.key) == ["done", "snooze", "skip"])
  }

  @Test func slotsTogetherAreListedInOneNotification() {
    let reminder = Reminder(
      kind: .due, slots: slots(["toe-presses/2026-11-23/1", "heel-raises/2026-11-23/1"]), canSnooze: true)
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: true)
    #expect(text.title == "Toe presses and Heel raises")
    #expect(
      text.body
        == "Toe presses (1 of 3) — 10 reps · hold 3s · 1 set · 2 min\n    Stand → Grip the floor → Hold 3 s\nHeel raises — 3 min"
    )
  }

  @Test func aCatchUpSaysWhenEachWasDue() {
    let reminder = Reminder(
      kind: .catchUp, slots: slots(["toe-presses/2026-11-23/1", "heel-raises/2026-11-23/1"]), canSnooze: true)
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: true)
    #expect(text.title == "While you were away: Toe presses and Heel raises")
    #expect(text.body.hasPrefix("09:10  Toe presses (1 of 3) — 10 reps"))
    #expect(text.body.contains("\n09:12  Heel raises — 3 min"))
    let single = ReminderText(
      Reminder(kind: .catchUp, slots: slots(["heel-raises/2026-11-23/1"]), canSnooze: true), planner: planner,
      snooze: 600, buttons: true)
    #expect(single.body == "Missed at 09:12 while you were away.\n3 min")
  }

  @Test func snoozesAndNudgesSayWhatTheyAre() {
    let slot = slots(["heel-raises/2026-11-23/1"])
    let snoozed = ReminderText(
      Reminder(kind: .snoozeEnded, slots: slot, canSnooze: true), planner: planner, snooze: 5, buttons: true)
    #expect(snoozed.title == "Snooze over: Heel raises")
    #expect(snoozed.buttons.map(\.label) == ["Done", "Snooze 5 s", "Skip"])
    let nudge = ReminderText(
      Reminder(kind: .nudge, slots: slot, canSnooze: false), planner: planner, snooze: 600, buttons: true)
    #expect(nudge.title == "Still to do: Heel raises")
    #expect(nudge.buttons.map(\.label) == ["Done", "Skip"], "no Snooze once the snoozes are used up")
  }

  @Test func withoutButtonsTheBodySaysHowToAnswerFromTheShell() {
    let reminder = Reminder(kind: .due, slots: slots(["heel-raises/2026-11-23/1"]), canSnooze: true)
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: false)
    #expect(text.buttons.isEmpty)
    #expect(text.body.hasSuffix("Answer with: tiptoe done | tiptoe snooze | tiptoe skip\nDo it guided: tiptoe guide"))
    #expect(
      text.line
        == "Heel raises: 3 min · Answer with: tiptoe done | tiptoe snooze | tiptoe skip · Do it guided: tiptoe guide")
  }

  @Test func withATerminalToOpenStartComesFirst() {
    let reminder = Reminder(kind: .due, slots: slots(["toe-presses/2026-11-23/2"]), canSnooze: true)
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: true, start: true)
    #expect(text.buttons.map(\.label) == ["Start", "Done", "Snooze 10 min", "Skip"])
    #expect(text.buttons.first?.key == "start")
    let plain = ReminderText(reminder, planner: planner, snooze: 600, buttons: false, start: true)
    #expect(plain.buttons.isEmpty)
  }

  @Test func theTerminalIsXdgTerminalExecElseTerminalElseDebiansAlternative() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("launcher-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    func install(_ name: String) {
      FileManager.default.createFile(
        atPath: directory + "/" + name, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
    }
    var variables = ["PATH": directory]
    let find = { TerminalLauncher.find(environment: { variables[$0] }) }
    #expect(find() == nil)
    variables["TERMINAL"] = "foot"
    #expect(find() == nil, "$TERMINAL names a program that is not installed")
    install("x-terminal-emulator")
    #expect(find()?.prefix == [directory + "/x-terminal-emulator", "-e"])
    install("foot")
    #expect(find()?.prefix == [directory + "/foot", "-e"])
    install("xdg-terminal-exec")
    #expect(find()?.prefix == [directory + "/xdg-terminal-exec"])
  }
}
