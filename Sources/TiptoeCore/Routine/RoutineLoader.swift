import Foundation

/// Reads a routine from TOML text, checking every key and value.
///
/// Every problem is a `CoreError` naming the file, line and column.
///
///     let routine = try RoutineLoader.load(text, file: "routine.toml")
public enum RoutineLoader {
  static let topKeys = ["name", "day", "exercise"]
  static let dayKeys = ["start", "end", "timezone", "quiet", "weekday", "weekend"]
  /// The keys of a weekday group's own window, `[day.weekend]`.
  static let groupKeys = ["start", "end", "quiet"]
  static let exerciseKeys = [
    "id", "title", "every", "at", "days", "minutes", "steps", "reps", "hold", "sets", "rest", "sides",
    "note",
  ]
  /// Where each key of `[day]` and `[[exercise]]` belongs, to point a misplaced one home.
  static let tablesByKey = Dictionary(
    dayKeys.map { ($0, "[day]") } + exerciseKeys.map { ($0, "[[exercise]]") } + [("name", "the routine")],
    uniquingKeysWith: { first, _ in first })

  /// The largest routine file read, in bytes: 4 MiB, hundreds of times a real routine and more than
  /// 600,000 steps. A larger file is refused before it is read whole.
  public static let maximumBytes = 4 << 20

  /// Parses and validates a routine; `file` is the name used in error messages.
  public static func load(_ text: String, file: String) throws -> Routine {
    try RoutineReader(file: file).routine(TOMLParser.parse(text, file: file))
  }
}

extension TOMLParser {
  /// Parses a whole document of at most `RoutineLoader.maximumBytes`; a syntax error is a
  /// `CoreError.syntax` naming `file`.
  static func parse(_ text: String, file: String) throws -> TOMLTable {
    guard text.utf8.count <= RoutineLoader.maximumBytes else {
      throw CoreError.tooLarge(file: file, bytes: text.utf8.count)
    }
    do {
      return try parse(text)
    } catch {
      throw CoreError.syntax(error.message, at: SourceLocation(file: file, error.position))
    }
  }
}

extension SourceLocation {
  init(file: String, _ position: TextPosition) {
    self.init(file: file, line: position.line, column: position.column)
  }
}

/// Typed access to the parsed tables, with errors that point into the file.
struct RoutineReader {
  let file: String

  func routine(_ root: TOMLTable) throws -> Routine {
    try checkKeys(root, allowed: RoutineLoader.topKeys, name: "the routine")
    let name = try string(root, "name") ?? "Routine"
    let dayTable = try table(root, "day")
    let day = try dayTable.map(dayWindow) ?? DayWindow()
    let groups = try dayTable.map { try windowGroups($0, day: day) } ?? [:]
    let windows = Weekday.allCases.reduce(into: [day]) { list, weekday in
      if let window = groups[weekday], !list.contains(window) { list.append(window) }
    }
    let zone = try dayTable.flatMap { try string($0, "timezone") }
    if let zone, TimeZone(identifier: zone) == nil {
      throw CoreError.unknownTimeZone(zone, at: location(of: dayTable?["timezone"]))
    }
    guard let list = root["exercise"] else {
      let message = "the routine has no exercises: add an [[exercise]] table with id, title, and every or at"
      throw CoreError.cannotPlan(message + " (example: 'tiptoe routine' shows the built-in one)", at: location(root))
    }
    guard case .array(let entries) = list.value else {
      throw CoreError.wrongType(key: "exercise", expected: "a list of [[exercise]] tables", at: location(of: list))
    }
    var exercises: [Exercise] = []
    var firstLine: [String: Int] = [:]
    for entry in entries {
      guard case .table(let table) = entry.value else {
        throw CoreError.wrongType(key: "exercise", expected: "a table", at: location(of: entry))
      }
      let exercise = try self.exercise(table)
      for window in windows { try checkPlannable(exercise, table, window: window) }
      try checkNights(exercise, table, day: day, groups: groups)
      let idLocation = location(of: table["id"])
      if let line = firstLine[exercise.id] { throw CoreError.duplicateID(exercise.id, firstLine: line, at: idLocation) }
      firstLine[exercise.id] = idLocation.line
      exercises.append(exercise)
    }
    return Routine(name: name, day: day, groups: groups, timeZoneIdentifier: zone, exercises: exercises)
  }

  func location(of node: TOMLNode?) -> SourceLocation {
    SourceLocation(file: file, node?.position ?? TextPosition(line: 1, column: 1))
  }

  func location(_ table: TOMLTable, key: String? = nil) -> SourceLocation {
    SourceLocation(file: file, key.flatMap(table.keyPosition) ?? table.position)
  }

  func checkKeys(_ table: TOMLTable, allowed: [String], name: String) throws {
    for key in table.keys where !allowed.contains(key) {
      let suggestion = Suggestion.closest(to: key, in: allowed)
      if suggestion == nil, let home = RoutineLoader.tablesByKey[key], home != name {
        throw CoreError.misplacedKey(key, in: name, belongsIn: home, at: location(table, key: key))
      }
      throw CoreError.unknownKey(key, in: name, suggestion: suggestion, at: location(table, key: key))
    }
  }

  /// A string, its control characters replaced (`DisplayText`): what a routine holds reaches
  /// terminals, the journal and notifications. Only a note and steps keep their line breaks.
  func string(_ table: TOMLTable, _ key: String) throws -> String? {
    guard let node = table[key] else { return nil }
    guard case .string(let text) = node.value else {
      throw CoreError.wrongType(key: key, expected: "a string", at: location(of: node))
    }
    return DisplayText.clean(text, keepingNewlines: key == "note")
  }

  func int(_ table: TOMLTable, _ key: String, range: ClosedRange<Int>) throws -> Int? {
    guard let node = table[key] else { return nil }
    guard case .integer(let number) = node.value else {
      throw CoreError.wrongType(
        key: key, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)", at: location(of: node))
    }
    guard range.contains(number) else {
      let example = "a number from \(range.lowerBound) to \(range.upperBound)"
      let value = String(number)
      throw CoreError.invalidValue(key: "'\(key)' value", value: value, example: example, at: location(of: node))
    }
    return number
  }

  /// A list of strings, each with its node (for pointing at a bad element), cleaned as `string`.
  func strings(_ table: TOMLTable, _ key: String) throws -> [(String, TOMLNode)]? {
    guard let node = table[key] else { return nil }
    guard case .array(let elements) = node.value else {
      throw CoreError.wrongType(key: key, expected: "a list of strings", at: location(of: node))
    }
    return try elements.map { element in
      guard case .string(let text) = element.value else {
        throw CoreError.wrongType(key: key, expected: "a list of strings", at: location(of: element))
      }
      return (DisplayText.clean(text, keepingNewlines: key == "steps"), element)
    }
  }

  func table(_ table: TOMLTable, _ key: String) throws -> TOMLTable? {
    guard let node = table[key] else { return nil }
    guard case .table(let inner) = node.value else {
      throw CoreError.wrongType(key: key, expected: "a table", at: location(of: node))
    }
    return inner
  }

  /// A time of day from a string (`"08:30"`) or a TOML local time (`08:30:00`).
  func time(_ node: TOMLNode, key: String) throws -> LocalTime {
    let text: String
    switch node.value {
    case .string(let value), .dateTime(let value): text = value
    default: throw CoreError.wrongType(key: key, expected: "a time like \"08:30\"", at: location(of: node))
    }
    guard let time = LocalTime(parsing: text) else {
      let example = "\"08:30\" or \"19:00:30\""
      throw CoreError.invalidValue(key: "'\(key)' time", value: text, example: example, at: location(of: node))
    }
    return time
  }

  func dayWindow(_ table: TOMLTable) throws -> DayWindow {
    try checkKeys(table, allowed: RoutineLoader.dayKeys, name: "[day]")
    let defaults = DayWindow()
    let (start, end) = try bounds(table, defaults: defaults)
    return DayWindow(start: start, end: end, quiet: try quietSpans(table) ?? [])
  }

  /// A table's `quiet` spans, nil when it has none.
  func quietSpans(_ table: TOMLTable) throws -> [QuietSpan]? {
    try strings(table, "quiet")?.map { text, node in
      guard let span = QuietSpan(parsing: text) else {
        throw CoreError.invalidValue(key: "quiet span", value: text, example: "\"12:30-13:30\"", at: location(of: node))
      }
      return span
    }
  }

  /// A window's start and end, each defaulting to `defaults`'; they may not be equal (an end before the
  /// start crosses midnight).
  func bounds(_ table: TOMLTable, defaults: DayWindow) throws -> (LocalTime, LocalTime) {
    let start = try table["start"].map { try time($0, key: "start") } ?? defaults.start
    let end = try table["end"].map { try time($0, key: "end") } ?? defaults.end
    guard start != end else {
      throw CoreError.emptyWindow(start, at: location(of: table["end"] ?? table["start"]))
    }
    return (start, end)
  }

  /// An `at` time on a day before the night of the day before ends (a night shift on Friday, a snack at
  /// 01:30 on Saturday): the plan would no longer be in order.
  func checkNights(_ exercise: Exercise, _ table: TOMLTable, day: DayWindow, groups: [Weekday: DayWindow]) throws {
    let listed: [LocalTime]
    switch exercise.timing {
    case .at(let times), .every(_, _, let times?): listed = times
    default: return
    }
    for weekday in Weekday.allCases where exercise.weekdays?.contains(weekday) ?? true {
      let night = groups[Weekday.allCases[(weekday.index + 6) % 7]] ?? day
      let window = groups[weekday] ?? day
      guard night.crossesMidnight,
        let early = listed.first(where: { !window.slotTime($0).nextDay && $0 < night.end })
      else { continue }
      let message =
        "'\(exercise.id)' at \(early) on \(weekday.fullName) comes before the night before ends (\(night.end)); "
        + "list it with 'days', or move it"
      throw CoreError.cannotPlan(message, at: location(of: table["at"]))
    }
  }

  /// `[day.weekday]` (Monday to Friday) and `[day.weekend]`: their own start, end and quiet spans, each
  /// left out taken from `[day]`.
  func windowGroups(_ dayTable: TOMLTable, day: DayWindow) throws -> [Weekday: DayWindow] {
    var groups: [Weekday: DayWindow] = [:]
    for (key, days) in [("weekday", Array(Weekday.allCases[0..<5])), ("weekend", [.saturday, .sunday])] {
      guard let table = try table(dayTable, key) else { continue }
      try checkKeys(table, allowed: RoutineLoader.groupKeys, name: "[day.\(key)]")
      let (start, end) = try bounds(table, defaults: day)
      let quiet = try quietSpans(table) ?? day.quiet
      for weekday in days { groups[weekday] = DayWindow(start: start, end: end, quiet: quiet) }
    }
    // Each day's slots end before the next day's begin, so the plan stays in order.
    for weekday in Weekday.allCases {
      let window = groups[weekday] ?? day
      let next = Weekday.allCases[(weekday.index + 1) % 7]
      let following = groups[next] ?? day
      guard window.crossesMidnight, following.start < window.end else { continue }
      let message =
        "the \(next.fullName) window starts at \(following.start), before the \(weekday.fullName) night ends "
        + "(\(window.end)); start it later, or end the night earlier"
      throw CoreError.cannotPlan(message, at: location(dayTable))
    }
    return groups
  }

  func exercise(_ table: TOMLTable) throws -> Exercise {
    try checkKeys(table, allowed: RoutineLoader.exerciseKeys, name: "[[exercise]]")
    guard let id = try string(table, "id") else {
      throw CoreError.missingKey("id", in: "[[exercise]]", at: location(table))
    }
    let isValidID = id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    guard !id.isEmpty, isValidID, id.first != "-" else {
      let example = "\"toe-presses\": lowercase letters, digits and '-'"
      throw CoreError.invalidValue(key: "id", value: id, example: example, at: location(of: table["id"]))
    }
    guard let title = try string(table, "title"), !title.isEmpty else {
      throw CoreError.missingKey("title", in: "exercise '\(id)'", at: location(table))
    }
    return Exercise(
      id: id, title: title, timing: try timing(table, id: id), days: try days(table),
      minutes: try int(table, "minutes", range: 1...720) ?? 2,
      steps: try strings(table, "steps")?.map(\.0) ?? [],
      reps: try int(table, "reps", range: 1...10000),
      hold: try duration(table, "hold"),
      sets: try int(table, "sets", range: 1...1000),
      rest: try duration(table, "rest"),
      sides: try int(table, "sides", range: 1...2),
      note: try string(table, "note"))
  }

  /// A `hold` or `rest`, kept as written once it reads as a duration ("3s", "1m30s"): `guide` times it.
  func duration(_ table: TOMLTable, _ key: String) throws -> String? {
    guard let text = try string(table, key) else { return nil }
    guard (try? DurationParser.seconds(text)) != nil else {
      throw CoreError.invalidValue(
        key: "'\(key)' duration", value: text, example: "\"3s\" or \"1m30s\"", at: location(of: table[key]))
    }
    return text
  }

  func timing(_ table: TOMLTable, id: String) throws -> Exercise.Timing {
    let times = try table["at"].map { at in
      guard case .array(let elements) = at.value, !elements.isEmpty else {
        let expected = "a list of one or more times like [\"08:30\", \"19:00\"]"
        throw CoreError.wrongType(key: "at", expected: expected, at: location(of: at))
      }
      return try elements.map { try time($0, key: "at") }
    }
    guard let every = table["every"] else {
      guard let times else { throw CoreError.noTiming(exercise: id, at: location(table)) }
      return .at(times)
    }
    let phrase = try string(table, "every")!
    let frequency = try FrequencyParser.parse(phrase, at: location(of: every))
    guard let times else { return .every(frequency, phrase: phrase) }
    // The phrase picks the days, `at` the times: as many as the phrase plans a day.
    let perDay: Int?
    switch (frequency.period, frequency.placement) {
    case (_, .interval): throw CoreError.everyAndAt(exercise: id, at: location(of: table["at"]))
    case (_, .parts(let parts)): perDay = parts.count
    // "daily" (one a day) only picks the days.
    case (.day, .spread): perDay = frequency.times > 1 ? frequency.times : nil
    default: perDay = nil
    }
    if let perDay, perDay != times.count {
      let message =
        "\"\(phrase)\" plans \(perDay) a day and 'at' lists \(times.count) (list \(perDay), "
        + "or write every = \"daily\")"
      throw CoreError.cannotPlan(message, at: location(of: table["at"]))
    }
    return .every(frequency, phrase: phrase, at: times)
  }

  func days(_ table: TOMLTable) throws -> [Weekday]? {
    guard let names = try strings(table, "days") else { return nil }
    let example = "[\"mon\", \"wed\", \"fri\"] or [\"weekdays\"]"
    guard !names.isEmpty else {
      let expected = "a list of one or more days like \(example)"
      throw CoreError.wrongType(key: "days", expected: expected, at: location(of: table["days"]))
    }
    let days = try names.flatMap { name, node in
      switch name.lowercased() {
      case "weekdays", "weekday": return [Weekday.monday, .tuesday, .wednesday, .thursday, .friday]
      case "weekends", "weekend": return [Weekday.saturday, .sunday]
      default:
        guard let day = Weekday(parsing: name) else {
          throw CoreError.invalidValue(key: "day", value: name, example: example, at: location(of: node))
        }
        return [day]
      }
    }
    return Array(Set(days)).sorted()
  }

  /// What each value allows but the exercise as a whole cannot do: the same `at` time twice, `days`
  /// with "every other day", fewer `days` than a weekly goal, more daily slots than the window holds.
  func checkPlannable(_ exercise: Exercise, _ table: TOMLTable, window: DayWindow) throws {
    var listed: [LocalTime]?
    if case .at(let times) = exercise.timing { listed = times }
    if case .every(_, _, let times) = exercise.timing { listed = times }
    if let times = listed, let index = times.indices.first(where: { times[..<$0].contains(times[$0]) }) {
      var node = table["at"]
      if case .array(let elements)? = node?.value, index < elements.count { node = elements[index] }
      let message = "exercise '\(exercise.id)' lists \(times[index]) twice in 'at'"
      throw CoreError.cannotPlan(message, at: location(of: node))
    }
    switch exercise.timing {
    case .at: break
    case .every(let frequency, let phrase, let at):
      if exercise.days != nil, frequency.weekdays != nil {
        let message = "\"\(phrase)\" already names its days; keep them there or in 'days', not both"
        throw CoreError.cannotPlan(message, at: location(of: table["days"]))
      }
      switch frequency.period {
      case .everyOtherDay, .days, .monthDays, .monthWeekday:
        guard exercise.days != nil else { break }
        let message =
          "'days' does not go with \"\(phrase)\", which picks its own days of the calendar "
          + "(example: every = \"3 times a week\" with days = [\"mon\", \"wed\", \"fri\"])"
        throw CoreError.cannotPlan(message, at: location(of: table["days"]))
      case .week, .weeks:
        let count = exercise.days?.count ?? 7
        guard count < frequency.goal else { break }
        let message =
          "\"\(phrase)\" needs \(frequency.goal) days a week, and 'days' lists \(count)"
          + " (add days, or lower the frequency)"
        throw CoreError.cannotPlan(message, at: location(of: table["days"]))
      case .day: break
      }
      switch frequency.period {
      case .monthDays, .monthWeekday:
        let times = at ?? DayPattern.times(of: frequency, in: window)
        guard let late = times.first(where: { window.slotTime($0).nextDay }) else { break }
        let message =
          "\"\(phrase)\" plans \(late), after midnight in the window \(window.start)-\(window.end); a day of the "
          + "month cannot move to the next morning in a calendar (write at = [\"\(window.start)\"])"
        throw CoreError.cannotPlan(message, at: location(of: table["at"] ?? table["every"]))
      default: break
      }
      let wanted: Int
      switch frequency.placement {
      case .spread: wanted = frequency.period == .day ? frequency.times : 1
      case .parts(let parts): wanted = parts.count
      case .interval: wanted = 1
      }
      if at == nil, DayPattern.times(of: frequency, in: window).count < wanted {
        let message =
          "\"\(phrase)\" does not fit in the waking window \(window.start)-\(window.end): slots are at least "
          + "5 minutes apart (widen [day], or lower the frequency)"
        throw CoreError.cannotPlan(message, at: location(of: table["every"]))
      }
    }
  }
}

extension RoutineLoader {
  /// The zone a routine file names (`timezone = "Europe/Berlin"`, the last such line that names a
  /// known zone), read line by line so that it is found even while the rest of the file has errors.
  public static func timeZoneName(in text: String) -> String? {
    var found: String?
    for line in text.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "timezone" else { continue }
      let value = parts[1].split(separator: "#", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
      guard value.count > 2, value.first == "\"", value.last == "\"" else { continue }
      let name = String(value.dropFirst().dropLast())
      if TimeZone(identifier: name) != nil { found = name }
    }
    return found
  }
}

extension RoutineLoader {
  /// Parses several routine files to plan together (`Routine(combining:)`), each in its own zone: an
  /// exercise id used in two of them, or a night of one that runs into another's day (in one zone), is a
  /// `CoreError` naming both files.
  public static func load(files: [(text: String, file: String)]) throws -> Routine {
    guard files.count > 1 else { return try load(files[0].text, file: files[0].file) }
    var routines: [Routine] = []
    var seen: [String: SourceLocation] = [:]
    for (text, file) in files {
      let root = try TOMLParser.parse(text, file: file)
      let routine = try RoutineReader(file: file).routine(root)
      let reader = RoutineReader(file: file)
      if case .array(let entries)? = root["exercise"]?.value {
        for entry in entries {
          guard case .table(let table) = entry.value, case .string(let id)? = table["id"]?.value else { continue }
          let here = reader.location(of: table["id"])
          if let first = seen[id] { throw CoreError.duplicateIDInFiles(id, first: first, at: here) }
          seen[id] = here
        }
      }
      routines.append(routine)
    }
    try checkNights(routines, files: files.map(\.file))
    return Routine(combining: routines)
  }

  /// A night of one routine must end before another's day begins, or the plan would not stay in order.
  static func checkNights(_ routines: [Routine], files: [String]) throws {
    for (index, routine) in routines.enumerated() {
      // Routines naming different zones are merged by instant (`Planner`): a night may reach into
      // another's day.
      for other in routines.indices where other != index {
        if let zone = routine.timeZoneIdentifier, let otherZone = routines[other].timeZoneIdentifier,
          zone != otherZone
        {
          continue
        }
        for weekday in Weekday.allCases {
          let night = routine.windows[weekday.index]
          let next = Weekday.allCases[(weekday.index + 1) % 7]
          let morning = routines[other].windows[next.index]
          guard night.crossesMidnight, !morning.crossesMidnight, morning.start < night.end else { continue }
          let message =
            "its \(next.fullName) window starts at \(morning.start), before the \(weekday.fullName) night of "
            + "\(files[index]) ends (\(night.end)); routines planned together keep their nights apart"
          throw CoreError.cannotPlan(message, at: SourceLocation(file: files[other], line: 1, column: 1))
        }
      }
    }
  }
}
