import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe routine`: the routine in words, or `--check FILE` to validate one.
  struct RoutineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "routine", abstract: "Show the routine, or check a routine file.",
      discussion: "Example: tiptoe routine --check ~/.config/tiptoe/routine.toml")

    @OptionGroup var global: GlobalOptions

    @Option(
      help: ArgumentHelp("Validate this routine file and exit (0 when it is valid, 65 when not).", valueName: "file"))
    var check: String?

    func run() throws {
      if let check {
        let text = try RoutineSource.readText(check, argument: "--check")
        let routine = try RoutineLoader.load(text, file: check)
        let slots = Planner(routine: routine, timeZone: TimeZone(identifier: "UTC")!).slots(
          from: LocalDate(dayNumber: 0), days: 7)
        let count = slots.reduce(0) { n, _ in n + 1 }
        print("\(check): ok: \(Self.count(routine.exercises.count, "exercise")), \(Self.count(count, "slot")) a week")
        return
      }
      let context = try global.context()
      print(
        RoutineText(
          routine: context.routine, planner: context.planner, source: context.routineName, zone: context.zoneLabel
        ).render())
    }

    /// `1 exercise`, `5 exercises`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
  }
}

/// The routine for people: each exercise with its schedule, dose, steps and note.
struct RoutineText {
  let routine: Routine
  let planner: Planner
  let source: String
  let zone: String

  func render() -> String {
    let day = routine.day
    var lines = [Terminal.styled(routine.name, .bold), Terminal.styled("from \(source)", .dim)]
    var window = "Day \(day.start)–\(day.end), \(zone)"
    if !day.quiet.isEmpty { window += "; quiet " + day.quiet.map(\.description).joined(separator: ", ") }
    lines.append(window)
    for (exercise, pattern) in zip(routine.exercises, planner.patterns) {
      lines.append("")
      var when =
        exercise.scheduleDescription + " · " + pattern.times.map { String($0.description) }.joined(separator: ", ")
      if case .weekly(let days) = pattern.recurrence, exercise.days == nil {
        when += " on " + days.map(\.rawValue).joined(separator: ", ")
      }
      lines.append(Terminal.styled(exercise.title, .bold) + "  " + Terminal.styled("(\(exercise.id))", .dim))
      lines.append("  " + when + " · \(exercise.minutes) min")
      if !exercise.doseDescription.isEmpty { lines.append("  " + exercise.doseDescription) }
      for (number, step) in exercise.steps.enumerated() { lines.append("  \(number + 1). \(step)") }
      if let note = exercise.note { lines.append("  " + Terminal.styled(note, .dim)) }
    }
    return lines.joined(separator: "\n")
  }
}
