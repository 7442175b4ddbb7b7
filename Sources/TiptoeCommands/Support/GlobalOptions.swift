import ArgumentParser
import Foundation
import TiptoeCore
import TiptoeService

/// Options every command shares: which routine, which zone, and the clock.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .customLong("routine"),
    help: ArgumentHelp(
      "The routine file; give it again to plan several together (default: $TIPTOE_ROUTINE, "
        + "~/.config/tiptoe/routine.toml and ~/.config/tiptoe/routines/*.toml, else the built-in routine).",
      valueName: "file"))
  var routines: [String] = []

  /// The first `--routine` file, for what reads one file (`routine --check`, `--print`).
  var routine: String? { routines.first }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Use this IANA time zone instead of the routine's (e.g. Europe/Berlin; :Europe/Berlin as in TZ).",
      valueName: "zone"))
  var tz: String?

  func validate() throws {
    guard let tz else { return }
    switch SystemZone.read(tz) {
    case .zone: return
    case .notAZoneName(let message), .unknown(let message): throw ValidationError("--tz: " + message)
    }
  }

  /// Loads the routine and settles the zone, the clock and today's date.
  func context() throws -> Context { try Context.load(routines: routines, tz: tz) }

  /// For commands about the history and the agent (log, undo, pause, resume, status), which must
  /// work while the routine file is being fixed: a routine with errors is reported as a note, and
  /// the command goes on without its exercises (ids instead of titles).
  func historyContext() throws -> Context { try Context.load(routines: routines, tz: tz, lenient: true) }
}

/// What a command works with: the routine, its zone, the current instant and the files.
struct Context {
  let routine: Routine
  let routineName: String
  /// The file of each routine planned together (`routineName` is them joined).
  var routineFiles: [String]
  let timeZone: TimeZone
  let now: Date
  /// Built once per command: its patterns and day templates cost a pass over the routine.
  let planner: Planner
  let paths: XDGPaths

  /// The zone's name as given (`UTC`, which Foundation calls `GMT`), else Foundation's.
  let zoneName: String
  /// Each of `routine.parts`' zone and its name (several routines may each have their own; with
  /// `--tz`, or without a zone of its own, a routine is in `timeZone`).
  let partZones: [(name: String, zone: TimeZone)]

  init(
    routine: Routine, routineName: String, timeZone: TimeZone, zoneName: String? = nil,
    partZones: [(name: String, zone: TimeZone)]? = nil, now: Date, paths: XDGPaths = .process
  ) {
    self.routine = routine
    self.routineName = routineName
    routineFiles = [routineName]
    self.timeZone = timeZone
    let zoneName = zoneName ?? timeZone.identifier
    self.zoneName = zoneName
    self.partZones = partZones ?? routine.parts.map { _ in (zoneName, timeZone) }
    self.now = now
    self.paths = paths
    planner = Planner(routine: routine, timeZone: timeZone, partZones: partZones?.map(\.zone))
  }

  /// Loads the routine (`--routine`, else the usual places) and settles the zone (`--tz`, else the
  /// routine's, else the system's), the clock and today's date.
  ///
  /// `lenient`: a routine with errors is reported as a note and replaced by one without exercises,
  /// in the zone the file names where that line can still be read.
  static func load(routines: [String], tz: String?, lenient: Bool = false) throws -> Context {
    let paths = XDGPaths.process
    let sources = RoutineSource.locateAll(explicit: routines, paths: paths)
    let argument = routines.isEmpty ? "$TIPTOE_ROUTINE" : "--routine"
    let files = try sources.map { (text: try $0.read(argument: argument), file: $0.name) }
    let loaded: Routine
    var broken: CoreError?
    do {
      loaded = try RoutineLoader.load(files: files)
    } catch let error as CoreError where lenient {
      broken = error
      let zone = RoutineLoader.timeZoneName(in: files[0].text)
      loaded = Routine(name: files[0].file, timeZoneIdentifier: zone, exercises: [])
    }
    let routineName = sources.map(\.name).joined(separator: ", ")
    // The system's zone by the name TZ gives it, in any form glibc reads (TZ=:Europe/Paris, as systemd
    // units write it), when TZ names one (TZ=UTC: Foundation says GMT).
    let zoneName =
      tz.flatMap(zoneName(argument:)) ?? loaded.timeZoneIdentifier ?? Environment["TZ"].flatMap(zoneName(tz:))
    let given = zoneName.flatMap(TimeZone.init(identifier:))
    let timeZone = given ?? TimeZone.current
    // Several routines: each in its own zone, unless --tz puts them all in one.
    let shownName = given == nil ? timeZone.identifier : zoneName!
    let partZones =
      tz != nil
      ? nil
      : loaded.parts.map { part in
        part.timeZoneIdentifier.flatMap { name in TimeZone(identifier: name).map { (name, $0) } } ?? (
          shownName, timeZone
        )
      }
    var context = Context(
      routine: loaded, routineName: routineName, timeZone: timeZone, zoneName: given == nil ? nil : zoneName,
      partZones: partZones, now: try Clock.now(), paths: paths)
    context.routineFiles = sources.map(\.name)
    if let broken {
      Terminal.note(
        "the routine cannot be used (\(broken.localizedDescription)); going on without it; times are in \(context.zoneLabel)"
      )
    }
    return context
  }

  /// The history file.
  var history: HistoryFile { HistoryFile(path: paths.historyFile) }

  /// The agent's timings as the running (or last) agent published them, else the defaults.
  var agentSettings: ReminderSettings {
    AgentFiles.readState(directory: paths.stateDirectory)?.settings ?? ReminderSettings()
  }

  /// The reminder rules the agent follows.
  var rules: ReminderRules { ReminderRules(planner: planner, settings: agentSettings) }

  /// The zone `--tz` names (checked by `GlobalOptions.validate`).
  private static func zoneName(argument: String) -> String? {
    if case .zone(let name) = SystemZone.read(argument) { return name }
    return nil
  }

  /// The zone `TZ` names; for a value that names none, the zone glibc uses for it (a POSIX offset's
  /// `Etc/GMT` zone, else UTC), with a note.
  private static func zoneName(tz: String) -> String? {
    switch SystemZone.read(tz) {
    case .zone(let name): return name
    case .notAZoneName(let message), .unknown(let message):
      guard let fallback = SystemZone.glibcFallback(for: tz) else {
        Terminal.note("TZ: \(message); using UTC")
        return "UTC"
      }
      Terminal.note("TZ: \(message); using \(fallback), as glibc does")
      return fallback
    }
  }

  /// Today's local date in the routine's zone.
  var today: LocalDate { ISO8601.localDateTime(now, utcOffset: timeZone.secondsFromGMT(for: now)).0 }

  /// The zone's name, its abbreviation in the system's zone data and its current offset:
  /// `Europe/Berlin (CET, +01:00)`; `UTC (+00:00)`, `Australia/Lord_Howe (+11:00)` where the
  /// abbreviation only repeats the name or the offset.
  var zoneLabel: String { zoneLabel(zoneName, timeZone) }

  /// Each routine's zone, labelled as `zoneLabel` (several routines may each have their own).
  var partZoneLabels: [String] {
    partZones.map { $0.zone.identifier == timeZone.identifier ? zoneLabel : zoneLabel($0.zone.identifier, $0.zone) }
  }

  private func zoneLabel(_ zoneName: String, _ timeZone: TimeZone) -> String {
    let offset = String(ISO8601.format(now, utcOffset: timeZone.secondsFromGMT(for: now)).suffix(6))
    guard let name = SystemZone.name(of: zoneName, at: now), name != zoneName,
      name.first.map({ $0.isLetter }) == true
    else { return "\(zoneName) (\(offset))" }
    return "\(zoneName) (\(name), \(offset))"
  }
}

/// The edge where the command line reads the clock; `TIPTOE_NOW` (ISO 8601) overrides it for tests.
enum Clock {
  static func now() throws -> Date {
    guard let text = Environment["TIPTOE_NOW"] else { return Date() }
    let years = LocalDate.supportedYears
    guard let date = ISO8601.instant(text), years.contains(ISO8601.localDateTime(date, utcOffset: 0).0.fields.year)
    else {
      throw CLIError.usage(
        "TIPTOE_NOW: '\(text)' is not an ISO 8601 instant from \(years.lowerBound) to \(years.upperBound) "
          + "(example: 2026-11-23T09:10:00+01:00)")
    }
    return date
  }
}
