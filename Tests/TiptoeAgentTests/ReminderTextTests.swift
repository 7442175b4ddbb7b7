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

  @Test func theStreakAndTheWeekAreInTheText() throws {
    // Six days done before today (Wednesday), and a weekly goal with one of two done on Monday.
    let source = """
      name = "Test"
      [day]
      timezone = "Europe/Berlin"
      [[exercise]]
      id = "toe-presses"
      title = "Toe presses"
      at = ["09:10", "13:00", "19:00"]
      [[exercise]]
      id = "flexion"
      title = "Resisted flexion"
      every = "twice or three times a week"
      """
    let planner = Planner(
      routine: try RoutineLoader.load(source, file: "test.toml"), timeZone: TimeZone(identifier: "Europe/Berlin")!)
    let today = LocalDate(iso: "2026-11-25")!
    var ids = (1...6).flatMap { ago in (1...3).map { "toe-presses/\(today.adding(days: -ago))/\($0)" } }
    ids.append("flexion/2026-11-23/1")
    let events = ids.enumerated().map { index, id in
      HistoryEvent(
        id: Int64(index + 1), batch: Int64(index + 1), kind: .done, slot: id,
        exercise: String(id.prefix { $0 != "/" }), at: Date(timeIntervalSince1970: 0), slotStart: nil)
    }
    let history = History(planner: planner, events: events)
    let now = try Date("2026-11-25T08:00:00+01:00", strategy: .iso8601)
    let progress = Dictionary(
      uniqueKeysWithValues: HabitProgress.all(history, from: today, today: today, now: now).map {
        ($0.exercise.id, $0)
      })
    let slots = planner.slots(on: today)
    let presses = ReminderText(
      Reminder(kind: .due, slots: [slots.first { $0.id == "toe-presses/2026-11-25/2" }!], canSnooze: true),
      planner: planner, snooze: 600, buttons: true, progress: progress)
    #expect(presses.title == "Toe presses — 2 of 3 today · 6-day streak")
    let flexion = ReminderText(
      Reminder(kind: .due, slots: [slots.first { $0.exercise == "flexion" }!], canSnooze: true),
      planner: planner, snooze: 600, buttons: true, progress: progress)
    // Friday 20 was missed; since then Sat and Sun not planned (no streak yet), Mon done, Tue not planned.
    #expect(flexion.title == "Resisted flexion — 2-day streak")
    #expect(flexion.body.hasPrefix("1 of 2–3 this week, 5 days left\n"))
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

  @Test func aCatchUpAfterTimeAwayNamesWhatWasLoggedMissedMeanwhile() {
    let reminder = Reminder(
      kind: .catchUp, slots: slots(["toe-presses/2026-11-23/2"]), canSnooze: true,
      missedWhileAway: slots(["toe-presses/2026-11-23/1", "heel-raises/2026-11-23/1"]))
    let text = ReminderText(reminder, planner: planner, snooze: 600, buttons: true)
    #expect(text.body.contains("\nLogged missed while you were away: Toe presses 09:10, Heel raises 09:12."))
    let days = planner.slots(on: LocalDate(iso: "2026-11-22")!).prefix(1) + slots(["heel-raises/2026-11-23/1"])
    #expect(
      ReminderText.missed(Array(days), planner: planner)
        == "Logged missed while you were away: Toe presses 2026-11-22 09:10, Heel raises 2026-11-23 09:12.")
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
