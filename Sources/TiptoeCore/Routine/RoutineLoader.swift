import Foundation
import TOMLKit

/// Reads a routine from TOML text, checking every key and value.
///
/// Every problem is a `CoreError` naming the file, line and column.
///
///     let routine = try RoutineLoader.load(text, file: "routine.toml")
public enum RoutineLoader {
  static let topKeys = ["name", "day", "exercise"]
  static let dayKeys = ["start", "end", "timezone", "quiet"]
  static let exerciseKeys = [
    "id", "title", "every", "at", "days", "minutes", "steps", "reps", "hold", "sets", "rest", "note",
  ]

  /// Parses and validates a routine; `file` is the name used in error messages.
  public static func load(_ text: String, file: String) throws -> Routine {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      let location = SourceLocation(file: file, line: error.source.begin.line, column: error.source.begin.column)
      throw CoreError.syntax(error.description, at: location)
    }
    let reader = Reader(file: file, map: SourceMap(text: text))
    try reader.checkKeys(table, allowed: topKeys, path: "", name: "the routine")
    let name = try reader.string(table, "name", path: "") ?? "Routine"
    let dayTable = try reader.table(table, "day", path: "")
    let day = try dayTable.map { try reader.dayWindow($0) } ?? DayWindow()
    let zone = try dayTable.flatMap { try reader.string($0, "timezone", path: "day") }
    if let zone, TimeZone(identifier: zone) == nil {
      throw CoreError.unknownTimeZone(zone, at: reader.map.location(file: file, table: "day", key: "timezone", value: true))
    }
    guard let list = table["exercise"] else { return Routine(name: name, day: day, timeZoneIdentifier: zone, exercises: []) }
    guard let array = list.array else {
      throw CoreError.wrongType(key: "exercise", expected: "a list of [[exercise]] tables", at: reader.map.location(file: file, table: ""))
    }
    var exercises: [Exercise] = []
    var firstLine: [String: Int] = [:]
    for index in 0..<array.count {
      let path = "exercise[\(index)]"
      guard let entry = array[index].table else {
        throw CoreError.wrongType(key: "exercise", expected: "a table", at: reader.map.location(file: file, table: ""))
      }
      let exercise = try reader.exercise(entry, path: path)
      let location = reader.map.location(file: file, table: path, key: "id", value: true)
      if let line = firstLine[exercise.id] { throw CoreError.duplicateID(exercise.id, firstLine: line, at: location) }
      firstLine[exercise.id] = location.line
      exercises.append(exercise)
    }
    return Routine(name: name, day: day, timeZoneIdentifier: zone, exercises: exercises)
  }
}

/// Typed access to a TOML table with errors that point into the file.
private struct Reader {
  let file: String
  let map: SourceMap

  func location(_ path: String, _ key: String? = nil, value: Bool = false) -> SourceLocation {
    map.location(file: file, table: path, key: key, value: value)
  }

  func checkKeys(_ table: TOMLTable, allowed: [String], path: String, name: String) throws {
    for key in table.keys.sorted() where !allowed.contains(key) {
      throw CoreError.unknownKey(key, in: name, suggestion: Suggestion.closest(to: key, in: allowed), at: location(path, key))
    }
  }

  func string(_ table: TOMLTable, _ key: String, path: String) throws -> String? {
    guard let value = table[key] else { return nil }
    guard let text = value.string else { throw CoreError.wrongType(key: key, expected: "a string", at: location(path, key, value: true)) }
    return text
  }

  func int(_ table: TOMLTable, _ key: String, path: String, range: ClosedRange<Int>) throws -> Int? {
    guard let value = table[key] else { return nil }
    guard value.type == .int, let number = value.int else {
      throw CoreError.wrongType(key: key, expected: "a whole number", at: location(path, key, value: true))
    }
    guard range.contains(number) else {
      throw CoreError.invalidValue(key: key, value: String(number), example: "a number from \(range.lowerBound) to \(range.upperBound)", at: location(path, key, value: true))
    }
    return number
  }

  func strings(_ table: TOMLTable, _ key: String, path: String) throws -> [String]? {
    guard let value = table[key] else { return nil }
    guard let array = value.array else {
      throw CoreError.wrongType(key: key, expected: "a list of strings", at: location(path, key, value: true))
    }
    return try (0..<array.count).map { index in
      guard let text = array[index].string else {
        throw CoreError.wrongType(key: key, expected: "a list of strings", at: location(path, key, value: true))
      }
      return text
    }
  }

  func table(_ table: TOMLTable, _ key: String, path: String) throws -> TOMLTable? {
    guard let value = table[key] else { return nil }
    guard let inner = value.table else { throw CoreError.wrongType(key: key, expected: "a table", at: location(path, key)) }
    return inner
  }

  func time(_ text: String, key: String, path: String) throws -> LocalTime {
    guard let time = LocalTime(parsing: text) else {
      throw CoreError.invalidValue(key: "\(key) time", value: text, example: "\"08:30\" or \"19:00:30\"", at: location(path, key, value: true))
    }
    return time
  }

  func dayWindow(_ table: TOMLTable) throws -> DayWindow {
    try checkKeys(table, allowed: RoutineLoader.dayKeys, path: "day", name: "[day]")
    let defaults = DayWindow()
    let start = try string(table, "start", path: "day").map { try time($0, key: "start", path: "day") } ?? defaults.start
    let end = try string(table, "end", path: "day").map { try time($0, key: "end", path: "day") } ?? defaults.end
    guard start < end else { throw CoreError.windowEndsBeforeStart(start: start, end: end, at: location("day", "end", value: true)) }
    let quiet = try (strings(table, "quiet", path: "day") ?? []).map { text in
      guard let span = QuietSpan(parsing: text) else {
        throw CoreError.invalidValue(key: "quiet span", value: text, example: "\"12:30-13:30\"", at: location("day", "quiet", value: true))
      }
      return span
    }
    return DayWindow(start: start, end: end, quiet: quiet)
  }

  func exercise(_ table: TOMLTable, path: String) throws -> Exercise {
    try checkKeys(table, allowed: RoutineLoader.exerciseKeys, path: path, name: "[[exercise]]")
    guard let id = try string(table, "id", path: path) else { throw CoreError.missingKey("id", in: "[[exercise]]", at: location(path)) }
    guard !id.isEmpty, id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
      id.first != "-"
    else {
      throw CoreError.invalidValue(key: "id", value: id, example: "\"toe-presses\" (lowercase letters, digits, '-')", at: location(path, "id", value: true))
    }
    guard let title = try string(table, "title", path: path), !title.isEmpty else {
      throw CoreError.missingKey("title", in: "exercise '\(id)'", at: location(path))
    }
    let timing: Exercise.Timing
    switch (try string(table, "every", path: path), try strings(table, "at", path: path)) {
    case (.some, .some): throw CoreError.everyAndAt(exercise: id, at: location(path, "at"))
    case (nil, nil): throw CoreError.noTiming(exercise: id, at: location(path))
    case (let phrase?, nil):
      timing = .every(try FrequencyParser.parse(phrase, at: location(path, "every", value: true)), phrase: phrase)
    case (nil, let times?):
      guard !times.isEmpty else {
        throw CoreError.invalidValue(key: "at", value: "[]", example: "[\"08:30\", \"19:00\"]", at: location(path, "at", value: true))
      }
      timing = .at(try times.map { try time($0, key: "at", path: path) })
    }
    let days = try strings(table, "days", path: path).map { names in
      try names.map { name in
        guard let day = Weekday(parsing: name) else {
          throw CoreError.invalidValue(key: "day", value: name, example: "[\"mon\", \"wed\", \"fri\"]", at: location(path, "days", value: true))
        }
        return day
      }
    }
    if let days, days.isEmpty {
      throw CoreError.invalidValue(key: "days", value: "[]", example: "[\"mon\", \"wed\", \"fri\"]", at: location(path, "days", value: true))
    }
    return Exercise(
      id: id, title: title, timing: timing, days: days.map { Array(Set($0)).sorted() },
      minutes: try int(table, "minutes", path: path, range: 1...720) ?? 2,
      steps: try strings(table, "steps", path: path) ?? [],
      reps: try int(table, "reps", path: path, range: 1...10000),
      hold: try string(table, "hold", path: path),
      sets: try int(table, "sets", path: path, range: 1...1000),
      rest: try string(table, "rest", path: path),
      note: try string(table, "note", path: path))
  }
}
