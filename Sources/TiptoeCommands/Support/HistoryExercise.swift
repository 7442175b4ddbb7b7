import TiptoeCore

/// The exercise a history command names: an id, or a unique prefix of one.
enum HistoryExercise {
  /// The exercise `name` means; a usage error naming the input otherwise ("did you mean …?",
  /// or the candidates of an ambiguous prefix).
  static func resolve(_ name: String, in routine: Routine, command: String) throws -> Exercise {
    let key = name.lowercased()
    if let exact = routine.exercise(id: key) { return exact }
    let ids = routine.exercises.map(\.id)
    let matches = key.isEmpty ? [] : routine.exercises.filter { $0.id.hasPrefix(key) }
    if matches.count == 1 { return matches[0] }
    if matches.count > 1 {
      let list = matches.map(\.id).joined(separator: ", ")
      throw CLIError.usage("'\(name)' could be any of \(list); say which (example: tiptoe \(command) \(matches[0].id))")
    }
    if let closest = Suggestion.closest(to: key, in: ids) {
      throw CLIError.usage("no exercise '\(name)'; did you mean '\(closest)'? (example: tiptoe \(command) \(closest))")
    }
    let known = ids.isEmpty ? "the routine has none" : "the routine has " + ids.joined(separator: ", ")
    throw CLIError.usage("no exercise '\(name)'; \(known)")
  }
}
