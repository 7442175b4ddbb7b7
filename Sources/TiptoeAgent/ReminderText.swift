import Foundation
import TiptoeCore

/// What a reminder says: the notification's title, body and buttons, in plain text.
package struct ReminderText: Equatable {
  /// A button: the action key sent back, and its label.
  struct Button: Equatable {
    let key: String
    let label: String
  }

  let title: String
  let body: String
  let buttons: [Button]

  /// The keys of the buttons, which are also what the CLI calls the answers.
  package static let done = "done"
  package static let snooze = "snooze"
  package static let skip = "skip"
  /// Opens `tiptoe guide` for the reminder's exercises in a terminal; records nothing by itself.
  static let start = "start"

  /// The text of `reminder`. With `buttons` false (the server shows none) the body says how to answer
  /// from the command line instead. `start` adds a Start button first (a terminal is there to open).
  ///
  /// `progress` (by exercise id) adds the streak ("· 6-day streak") and, for weekly exercises, how
  /// the week stands ("1 of 2–3 this week, 4 days left", or that it is behind).
  init(
    _ reminder: Reminder, planner: Planner, snooze: TimeInterval, buttons: Bool, start: Bool = false,
    progress: [String: HabitProgress] = [:]
  ) {
    let routine = planner.routine
    let slots = reminder.slots
    let exercises = slots.compactMap { routine.exercise(id: $0.exercise) }
    let counts = Self.counts(of: slots, planner: planner)
    let zone = planner.timeZone
    func ordinal(_ slot: Slot) -> String {
      let count = counts[slot.exercise + "/" + slot.date.description] ?? 1
      return count > 1 ? "\(slot.ordinal) of \(count) today" : ""
    }
    func clock(_ slot: Slot) -> String {
      let time = ISO8601.localDateTime(slot.start, utcOffset: zone.secondsFromGMT(for: slot.start)).1
      return String(time.description.prefix(5))
    }

    func streak(_ exercise: Exercise) -> String {
      guard let item = progress[exercise.id], item.streak.current > 1 else { return "" }
      return ProgressText.streak(item.streak.current, atLeast: item.streakGoesFurther)
    }
    func week(_ exercise: Exercise) -> String {
      guard let item = progress[exercise.id], item.week.isWeekly else { return "" }
      return ProgressText.week(item.week)
    }

    var title: String
    var lines: [String] = []
    if slots.count == 1, let exercise = exercises.first {
      let words = [ordinal(slots[0]), streak(exercise)].filter { !$0.isEmpty }.joined(separator: " · ")
      title = words.isEmpty ? exercise.title : "\(exercise.title) — \(words)"
      if reminder.kind == .catchUp { lines.append("Missed at \(clock(slots[0])) while you were away.") }
      lines.append(week(exercise))
      lines += exercise.steps.enumerated().map { "\($0.offset + 1). \($0.element)" }
      lines.append(Self.dose(exercise))
    } else {
      let names = ListText.and(exercises.map(\.title))
      title = reminder.kind == .catchUp ? "While you were away: \(names)" : names
      for (slot, exercise) in zip(slots, exercises) {
        var line = reminder.kind == .catchUp ? "\(clock(slot))  \(exercise.title)" : exercise.title
        let count = ordinal(slot)
        if !count.isEmpty { line += " (\(count.replacingOccurrences(of: " today", with: "")))" }
        line += " — " + Self.dose(exercise)
        for words in [week(exercise), streak(exercise)] where !words.isEmpty { line += " · " + words }
        lines.append(line)
        if !exercise.steps.isEmpty { lines.append("    " + exercise.steps.joined(separator: " → ")) }
      }
    }
    switch reminder.kind {
    case .due, .catchUp: break
    case .snoozeEnded: title = "Snooze over: " + title
    case .nudge: title = "Still to do: " + title
    }
    if !reminder.missedWhileAway.isEmpty { lines.append(Self.missed(reminder.missedWhileAway, planner: planner)) }
    let all = slots.count > 1 ? " (all \(slots.count))" : ""
    var buttonList = start ? [Button(key: Self.start, label: "Start")] : []
    buttonList.append(Button(key: Self.done, label: "Done"))
    if reminder.canSnooze {
      buttonList.append(Button(key: Self.snooze, label: "Snooze \(DurationText.span(Int(snooze.rounded())))"))
    }
    buttonList.append(Button(key: Self.skip, label: "Skip"))
    if !buttons {
      let hint = reminder.canSnooze ? "tiptoe done | tiptoe snooze | tiptoe skip" : "tiptoe done | tiptoe skip"
      lines.append("Answer\(all) with: \(hint)")
      lines.append("Do it guided: tiptoe guide")
    }
    self.title = title
    self.body = lines.filter { !$0.isEmpty }.joined(separator: "\n")
    self.buttons = buttons ? buttonList : []
  }

  /// One line for stderr, when no notification server is there to show it.
  var line: String {
    title + ": " + body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " · ")
  }

  /// "Logged missed while you were away: Toe presses 09:00, Toe walking Mon 23 Nov 18:30."
  static func missed(_ slots: [Slot], planner: Planner) -> String {
    let zone = planner.timeZone
    let names = slots.map { slot in
      let title = planner.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
      let (date, time) = ISO8601.localDateTime(slot.start, utcOffset: zone.secondsFromGMT(for: slot.start))
      let clock = String(time.description.prefix(5))
      return slots.allSatisfy({ $0.date == date }) ? "\(title) \(clock)" : "\(title) \(date) \(clock)"
    }
    return "Logged missed while you were away: \(names.joined(separator: ", "))."
  }

  /// "10 reps · hold 3s · 1 set · 2 min".
  static func dose(_ exercise: Exercise) -> String {
    let numbers = exercise.doseDescription
    return numbers.isEmpty ? "\(exercise.minutes) min" : numbers + " · \(exercise.minutes) min"
  }

  /// How many slots each exercise has on each date of `slots`, keyed "exercise/date".
  private static func counts(of slots: [Slot], planner: Planner) -> [String: Int] {
    var counts: [String: Int] = [:]
    for date in Set(slots.map(\.date)) {
      for slot in planner.slots(on: date) { counts[slot.exercise + "/" + date.description, default: 0] += 1 }
    }
    return counts
  }
}
