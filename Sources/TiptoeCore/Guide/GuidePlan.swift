import Foundation

/// The phases of a guided session, from the numbers of a routine's exercises.
///
/// Each exercise starts with a count-in (`Get ready`, showing the steps that set it up). Then, for
/// each side (`sides = 2`: the count-in again, as `Switch sides`), `sets` × `reps` repetitions of
/// `hold` seconds, with the `rest` between two of them (or a short let-go when there is no `rest`).
/// An exercise with neither `reps` nor `hold` is one timer of its `minutes`; one with `reps` but no
/// `hold` shares its `minutes` among its repetitions.
///
///     let phases = try GuidePlan.phases(for: [toePresses])  // Get ready 5 s, Go 3 s, Let go 2 s, …
///     GuidePlan.seconds(phases)                              // 53
public enum GuidePlan {
  /// The count-in before an exercise and before its other side, in seconds.
  public static let defaultCountIn = 5
  /// The let-go between two holds of an exercise without `rest`, in seconds.
  public static let release = 2

  /// The phases of `exercises`, one after another; throws `CoreError.badDuration` for a `hold` or
  /// `rest` that is not a duration like "3s".
  public static func phases(for exercises: [Exercise], countIn: Int = defaultCountIn) throws -> [GuidePhase] {
    try exercises.flatMap { try phases(for: $0, countIn: countIn) }
  }

  /// The phases of one exercise.
  public static func phases(for exercise: Exercise, countIn: Int = defaultCountIn) throws -> [GuidePhase] {
    let sides = max(1, exercise.sides ?? 1)
    let steps = exercise.steps
    let switchText = sides > 1 && steps.count > 1 ? steps.last! : "Switch to the other side"
    let actionSteps = sides > 1 && steps.count > 1 ? Array(steps.dropLast()) : steps
    func phase(
      _ kind: GuidePhase.Kind, _ text: String, _ seconds: Int, set: Int = 1, sets: Int = 1,
      rep: Int = 1, reps: Int = 1, side: Int = 1
    ) -> GuidePhase {
      GuidePhase(
        kind: kind, exercise: exercise.id, title: exercise.title, text: text, seconds: seconds,
        set: set, sets: sets, rep: rep, reps: reps, side: side, sides: sides)
    }

    guard exercise.reps != nil || exercise.hold != nil else {
      let total = exercise.minutes * 60
      let all = actionSteps.isEmpty ? exercise.title : actionSteps.joined(separator: " → ")
      var phases = [phase(.ready, actionSteps.first ?? exercise.title, countIn)]
      for side in 1...sides {
        if side > 1 { phases.append(phase(.switchSides, switchText, countIn, side: side)) }
        // The minutes are shared among the sides; the first side takes any odd second.
        let seconds = total / sides + (side == 1 ? total % sides : 0)
        phases.append(phase(.timer, all, seconds, side: side))
      }
      return phases
    }

    let reps = exercise.reps ?? 1
    let sets = exercise.sets ?? 1
    let hold = try exercise.hold.map(DurationParser.seconds) ?? max(1, exercise.minutes * 60 / (reps * sets * sides))
    let rest = try exercise.rest.map(DurationParser.seconds)
    // The rest's step is the last one naming its number, so a hold and a rest of the same length
    // ("hold for 2 seconds", "rest for 2 seconds") still tell their steps apart.
    let restStep = rest.flatMap { seconds -> String? in
      let naming = actionSteps.filter { mentions($0, seconds) }
      return seconds == hold && naming.count < 2 ? nil : naming.last
    }
    let work = workSteps(actionSteps.filter { $0 != restStep }, seconds: hold)
    let first = work.first.flatMap { actionSteps.firstIndex(of: $0) } ?? 0
    let setup = first > 0 ? actionSteps[..<first].joined(separator: "; ") : (actionSteps.first ?? exercise.title)
    let restText = restStep ?? "Rest"

    var phases = [phase(.ready, setup, countIn, sets: sets, reps: reps)]
    for side in 1...sides {
      if side > 1 { phases.append(phase(.switchSides, switchText, countIn, sets: sets, reps: reps, side: side)) }
      for set in 1...sets {
        for rep in 1...reps {
          let text = work.isEmpty ? exercise.title : work[(rep - 1) % work.count]
          phases.append(phase(.work, text, hold, set: set, sets: sets, rep: rep, reps: reps, side: side))
          guard set < sets || rep < reps else { continue }
          if let rest {
            phases.append(phase(.rest, restText, rest, set: set, sets: sets, rep: rep, reps: reps, side: side))
          } else {
            phases.append(phase(.release, "Let go", release, set: set, sets: sets, rep: rep, reps: reps, side: side))
          }
        }
      }
    }
    return phases
  }

  /// How long `phases` last in all, in seconds.
  public static func seconds(_ phases: [GuidePhase]) -> Int {
    phases.reduce(0) { $0 + $1.seconds }
  }

  /// The steps a repetition carries out: those naming the hold's number ("Hold for 3 seconds",
  /// "for a count of 10"), taken in turn by successive repetitions (clockwise, then
  /// counterclockwise); else the last step.
  static func workSteps(_ steps: [String], seconds: Int) -> [String] {
    let named = steps.filter { mentions($0, seconds) }
    if !named.isEmpty { return named }
    return steps.last.map { [$0] } ?? []
  }

  /// Whether `text` has `number` as a whole number ("10" in "count of 10", not in "100").
  static func mentions(_ text: String, _ number: Int) -> Bool {
    let digits = String(number)
    var current = ""
    for character in text + " " {
      if character.isASCII, character.isNumber {
        current.append(character)
      } else {
        if current == digits { return true }
        current = ""
      }
    }
    return false
  }
}
