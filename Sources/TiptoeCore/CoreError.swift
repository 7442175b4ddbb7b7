import Foundation

/// A place in a routine file: `routine.toml:12:9`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// Everything that can be wrong with a routine, a phrase or a value given to the core.
public enum CoreError: Error, LocalizedError, Equatable {
  /// The file is not valid TOML.
  case syntax(String, at: SourceLocation)
  case unknownKey(String, in: String, suggestion: String?, at: SourceLocation)
  /// A key of another table: `timezone` at the top of the file instead of under `[day]`.
  case misplacedKey(String, in: String, belongsIn: String, at: SourceLocation)
  case missingKey(String, in: String, at: SourceLocation)
  case wrongType(key: String, expected: String, at: SourceLocation)
  /// A value of the right type that means nothing: what it is, the value, an example.
  case invalidValue(key: String, value: String, example: String, at: SourceLocation)
  /// A frequency phrase tiptoe does not know, with the closest one it does.
  case unknownPhrase(String, suggestion: String?, at: SourceLocation?)
  /// A frequency phrase tiptoe knows but cannot plan as written: a number out of range, clock times, a clash.
  case badPhrase(String, reason: String, at: SourceLocation?)
  case duplicateID(String, firstLine: Int, at: SourceLocation)
  case everyAndAt(exercise: String, at: SourceLocation)
  case noTiming(exercise: String, at: SourceLocation)
  /// An exercise id that two routine files planned together both use.
  case duplicateIDInFiles(String, first: SourceLocation, at: SourceLocation)
  case emptyWindow(LocalTime, at: SourceLocation)
  /// Values that are each fine but cannot be planned together: what is wrong and what would do.
  case cannotPlan(String, at: SourceLocation)
  case unknownTimeZone(String, at: SourceLocation?)
  case badDuration(String)
  /// A duration written well, but zero or longer than `DurationParser.maximum`.
  case durationOutOfRange(String)
  case badDate(String)
  /// A routine file longer than `RoutineLoader.maximumBytes`: its size (one past the limit: at least that).
  case tooLarge(file: String, bytes: Int)

  public var errorDescription: String? {
    switch self {
    case .syntax(let message, let location):
      return "\(location): error: \(message)"
    case .unknownKey(let key, let table, let suggestion, let location):
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      return "\(location): error: unknown key '\(key)' in \(table)\(hint)"
    case .misplacedKey(let key, let table, let home, let location):
      return "\(location): error: '\(key)' belongs in \(home), not in \(table)"
    case .missingKey(let key, let table, let location):
      return "\(location): error: \(table) needs '\(key)'"
    case .wrongType(let key, let expected, let location):
      return "\(location): error: '\(key)' must be \(expected)"
    case .invalidValue(let key, let value, let example, let location):
      return "\(location): error: '\(value)' is not a valid \(key) (example: \(example))"
    case .unknownPhrase(let phrase, let suggestion, let location):
      let prefix = location.map { "\($0): error: " } ?? "error: "
      let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
      return prefix + "unknown frequency \"\(phrase)\"\(hint) (every phrase: tiptoe routine --phrases)"
    case .badPhrase(let phrase, let reason, let location):
      let prefix = location.map { "\($0): error: " } ?? "error: "
      return prefix + "\"\(phrase)\": \(reason)"
    case .duplicateID(let id, let firstLine, let location):
      return "\(location): error: exercise id '\(id)' is already used on line \(firstLine)"
    case .everyAndAt(let exercise, let location):
      return "\(location): error: exercise '\(exercise)' has an interval in 'every' and times in 'at'; keep one"
    case .duplicateIDInFiles(let id, let first, let location):
      return "\(location): error: exercise id '\(id)' is already used in \(first) (ids are shared by all routines)"
    case .noTiming(let exercise, let location):
      return
        "\(location): error: exercise '\(exercise)' needs 'every' (e.g. \"twice a day\") or 'at' (e.g. [\"08:30\"])"
    case .emptyWindow(let start, let location):
      return
        "\(location): error: the day starts and ends at \(start) (give it a length; an end before the start, "
        + "\"22:00\" to \"06:00\", crosses midnight)"
    case .cannotPlan(let message, let location):
      return "\(location): error: \(message)"
    case .unknownTimeZone(let name, let location):
      let prefix = location.map { "\($0): error: " } ?? "error: "
      return prefix + "unknown time zone '\(name)' (example: Europe/Berlin)"
    case .badDuration(let text):
      return "'\(text)' is not a duration (examples: 10m, 1h, 1h30m, 45s)"
    case .durationOutOfRange(let text):
      return "'\(text)' is not a duration from 1s to 366 days (examples: 10m, 1h, 1h30m, 45s)"
    case .badDate(let text):
      return "'\(text)' is not a date (example: 2026-11-23)"
    case .tooLarge(let file, let bytes):
      let limit = RoutineLoader.maximumBytes
      return "\(file): error: a routine file may be at most \(limit >> 20) MiB (\(limit) bytes); "
        + "this one has \(bytes == limit + 1 ? "more than \(limit)" : "\(bytes)") bytes"
    }
  }
}
