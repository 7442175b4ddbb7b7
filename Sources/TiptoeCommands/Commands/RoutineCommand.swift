import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe routine [--check [FILE] | --print | --phrases]`: the routine in words, checked, or as TOML;
  /// or every frequency phrase `every` accepts.
  struct RoutineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "routine", abstract: "Show the routine, check it, or print it as TOML.",
      discussion: """
        The routine in use is --routine FILE, else $TIPTOE_ROUTINE, else ~/.config/tiptoe/routine.toml \
        (written by 'tiptoe init'), else the built-in foot routine. Its format: man 5 tiptoe-routine.
        Examples: tiptoe routine --check · tiptoe routine --check ~/my-routine.toml · \
        tiptoe routine --print > ~/my-routine.toml · tiptoe routine --phrases
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(
      help: """
        Check the routine (FILE, else the one in use) and exit: 0 when it is valid (with warnings \
        on stderr for slots in a quiet span, 'at' outside the day, doses that meet on a spring-forward day), 65 when not.
        """)
    var check = false

    @Flag(
      name: .customLong("print"),
      help: "Print the routine in use as TOML, as its file has it (several: each after a comment naming its file).")
    var printTOML = false

    @Flag(help: "List every frequency phrase 'every' accepts, with what it plans.")
    var phrases = false

    @Argument(
      help: ArgumentHelp("The routine file to check (with --check).", valueName: "file"),
      completion: .file(extensions: ["toml"]))
    var file: String?

    func validate() throws {
      if [check, printTOML, phrases].filter({ $0 }).count > 1 {
        throw ValidationError("use one of --check, --print, --phrases (example: tiptoe routine --print)")
      }
      if let file, !check {
        throw ValidationError(
          "a file goes with --check (example: tiptoe routine --check \(file)); to show it: tiptoe routine --routine \(file)"
        )
      }
    }

    func run() throws {
      if phrases {
        print(Self.phraseList())
        return
      }
      if check {
        // FILE, else every routine in use (several are checked together: ids, zones, nights).
        let sources = file.map { [RoutineSource(path: $0)] } ?? RoutineSource.locateAll(explicit: global.routines)
        let argument = file != nil ? "--check" : global.routine != nil ? "--routine" : "$TIPTOE_ROUTINE"
        let files = try sources.map { (text: try $0.read(argument: argument), file: $0.name) }
        let routine = try RoutineLoader.load(files: files)
        let now = try Clock.now()
        for (index, (text, name)) in files.enumerated() {
          let part = routine.parts.isEmpty ? routine : routine.parts[index]
          // Each routine in its own zone (--tz: all in that one).
          let zone =
            global.tz.flatMap(TimeZone.init(identifier:)) ?? part.timeZoneIdentifier.flatMap(TimeZone.init(identifier:))
            ?? routine.timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
          let today = ISO8601.localDateTime(now, utcOffset: zone.secondsFromGMT(for: now)).0
          for warning in RoutineLoader.warnings(in: text, file: name, routine: part, timeZone: zone, from: today) {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
          }
        }
        print("\(files.map(\.file).joined(separator: ", ")): ok: \(Self.summary(of: routine))")
        return
      }
      if printTOML {
        // Several routines: each headed by its file, as a TOML comment.
        let sources = RoutineSource.locateAll(explicit: global.routines)
        let argument = global.routine != nil ? "--routine" : "$TIPTOE_ROUTINE"
        let texts = try sources.map { try $0.read(argument: argument) }
        for (index, (source, text)) in zip(sources, texts).enumerated() {
          if sources.count > 1 { print((index > 0 ? "\n" : "") + "# \(source.name)\n") }
          print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        return
      }
      let context = try global.context()
      print(
        RoutineText(
          routine: context.routine, planner: context.planner, sources: context.routineFiles, zone: context.zoneLabel,
          partZones: context.partZoneLabels
        ).render())
    }

    /// `5 exercises, 54 slots a week`: what a check reports of a valid routine.
    static func summary(of routine: Routine) -> String {
      let slots = Planner(routine: routine, timeZone: TimeZone(identifier: "UTC")!).slots(
        from: LocalDate(dayNumber: 0), days: 7)
      let count = slots.reduce(0) { n, _ in n + 1 }
      return "\(Self.count(routine.exercises.count, "exercise")), \(Self.count(count, "slot")) a week"
    }

    /// Every kind of phrase: the example, what it plans, other ways to write it.
    static func phraseList() -> String {
      var lines = [
        "Phrases for 'every' (case does not matter; numbers as digits or words; x, /, per, a, each, every).",
        "The waking window is [day] start-end; 'at' times replace a phrase's times, the phrase then picks the days.",
      ]
      for phrase in FrequencyParser.phrases {
        lines.append("")
        lines.append("  " + phrase.example)
        lines.append("      " + phrase.plans)
        lines.append("      also: " + phrase.also.joined(separator: " · "))
      }
      return lines.joined(separator: "\n")
    }

    /// `1 exercise`, `5 exercises`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
  }
}

/// The routine for people: each exercise with its schedule, dose, steps and note; several routines
/// planned together one after the other, each with its file and window.
struct RoutineText {
  let routine: Routine
  let planner: Planner
  /// The file of each routine (one, or one per part).
  let sources: [String]
  let zone: String
  /// Each part's zone, when several routines are planned together.
  var partZones: [String] = []

  func render() -> String {
    guard !routine.parts.isEmpty else {
      return block(routine, source: sources[0], zone: zone, exercises: routine.exercises.indices)
    }
    var blocks: [String] = []
    var first = 0
    for (index, part) in routine.parts.enumerated() {
      let source = index < sources.count ? sources[index] : ""
      let zone = index < partZones.count ? partZones[index] : zone
      blocks.append(block(part, source: source, zone: zone, exercises: first..<(first + part.exercises.count)))
      first += part.exercises.count
    }
    return blocks.joined(separator: "\n\n")
  }

  /// One routine's heading, window and the exercises at `exercises` in the plan.
  func block(_ routine: Routine, source: String, zone: String, exercises: Range<Int>) -> String {
    let day = routine.day
    var lines = [Terminal.styled(routine.name, .bold), Terminal.styled("from \(source)", .dim)]
    let groups = routine.windowGroups
    var window =
      groups.count == 1
      ? "Day \(day.start)–\(day.end)"
      : groups.map { "\(WindowText.days($0.days)) \($0.window.start)–\($0.window.end)" }.joined(separator: ", ")
    window += ", \(zone)"
    let quiet = routine.quietGroups
    for (spans, days) in quiet where !spans.isEmpty {
      window += "; quiet " + (quiet.count > 1 ? WindowText.days(days) + " " : "")
      window += spans.map(\.description).joined(separator: ", ")
    }
    lines.append(window)
    for index in exercises {
      let (exercise, pattern) = (self.routine.exercises[index], planner.patterns[index])
      lines.append("")
      var when = exercise.scheduleDescription
      // The planned times, unless `at` has named them already.
      if case .every(_, _, nil) = exercise.timing { when += " · " + WindowText.times(pattern, groups: groups) }
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

/// Weekday groups and their times in words.
enum WindowText {
  /// `mon–fri`, `sat–sun`, `mon, wed`.
  static func days(_ days: [Weekday]) -> String { Weekday.names(days) }

  /// A pattern's times of day: `08:30, 13:00`, or per group when they differ
  /// (`mon–fri 08:30, 13:00; sat–sun 10:00, 14:00`); a time after midnight says `(next morning)`.
  static func times(_ pattern: DayPattern, groups: [(window: DayWindow, days: [Weekday])]) -> String {
    let list = { (times: [SlotTime]) in times.map(\.description).joined(separator: ", ") }
    let perGroup = groups.map { (days: $0.days, times: pattern.timesByWeekday[$0.days[0].index]) }
    guard perGroup.contains(where: { $0.times != perGroup[0].times }) else { return list(perGroup[0].times) }
    return perGroup.map { days($0.days) + " " + list($0.times) }.joined(separator: "; ")
  }
}
