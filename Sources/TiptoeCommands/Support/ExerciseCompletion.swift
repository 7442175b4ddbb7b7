import ArgumentParser
import Foundation
import TiptoeCore

/// Shell completion of exercise ids from the routine in use: `tiptoe done <TAB>`.
///
/// The completion scripts (`tiptoe --generate-completion-script bash|zsh|fish`) run
/// `tiptoe ---completion …` on every Tab; that reads the routine (the `--routine` on the line being
/// completed, else the usual places) and nothing else: no clock, no history, no agent.
enum ExerciseCompletion {
  /// The ids of the routine's exercises that start with the word typed so far.
  static let ids = CompletionKind.custom { words, _, prefix in exerciseIDs(words: words, prefix: prefix) }

  /// `snooze`'s words: an exercise or a duration first, then a duration.
  static let snoozeWords = CompletionKind.custom { words, index, prefix in
    let durations = ["10m", "15m", "30m", "1h"].filter { $0.hasPrefix(prefix) }
    let before = positionalWords(words, before: index, after: "snooze")
    return before == 0 ? exerciseIDs(words: words, prefix: prefix) + durations : before == 1 ? durations : []
  }

  /// The ids of every routine in use (several: each file's that loads).
  static func exerciseIDs(words: [String], prefix: String) -> [String] {
    RoutineSource.locateAll(explicit: routineOptions(in: words)).flatMap { source -> [String] in
      guard let text = try? source.read(argument: "--routine"),
        let routine = try? RoutineLoader.load(text, file: source.name)
      else { return [] }
      return routine.exercises.map(\.id).filter { $0.hasPrefix(prefix) }
    }
  }

  /// The values of `--routine FILE` or `--routine=FILE` in the shell's words, `~/` expanded.
  static func routineOptions(in words: [String]) -> [String] {
    var values: [String] = []
    for (index, word) in words.enumerated() {
      if word == "--routine", index + 1 < words.count {
        values.append(words[index + 1])
      } else if word.hasPrefix("--routine=") {
        values.append(String(word.dropFirst("--routine=".count)))
      }
    }
    return values.filter { !$0.isEmpty }.map { $0.hasPrefix("~/") ? NSHomeDirectory() + $0.dropFirst() : $0 }
  }

  /// How many words that are neither options nor their values come between `command` and `index`.
  static func positionalWords(_ words: [String], before index: Int, after command: String) -> Int {
    guard let start = words.firstIndex(of: command), start < index else { return 0 }
    var count = 0
    var position = start + 1
    while position < index {
      let word = words[position]
      if word == "--routine" || word == "--tz" {
        position += 2
        continue
      }
      if !word.hasPrefix("-") { count += 1 }
      position += 1
    }
    return count
  }
}
