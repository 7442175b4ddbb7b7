/// One timed step of a guided session: get ready, a hold (or walk, or circle), a rest, a side switch.
///
/// The counters say where the phase stands in its exercise: `set 1 of 2`, `rep 3 of 10`, `side 2 of 2`.
public struct GuidePhase: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    /// The count-in before an exercise: get into position.
    case ready
    /// A repetition: hold, walk, circle, for `seconds`.
    case work
    /// The routine's `rest` between repetitions.
    case rest
    /// A short let-go between repetitions when the routine gives no `rest`.
    case release
    /// The count-in before the other side.
    case switchSides
    /// An exercise with no numbers: a timer of its `minutes`.
    case timer
  }

  public let kind: Kind
  /// The exercise's id and title.
  public let exercise: String
  public let title: String
  /// What to do now: the step of the routine this phase carries out.
  public let text: String
  /// How long it lasts, in whole seconds (0 for a count-in turned off).
  public let seconds: Int
  public let set: Int
  public let sets: Int
  public let rep: Int
  public let reps: Int
  public let side: Int
  public let sides: Int

  public init(
    kind: Kind, exercise: String, title: String, text: String, seconds: Int, set: Int = 1, sets: Int = 1,
    rep: Int = 1, reps: Int = 1, side: Int = 1, sides: Int = 1
  ) {
    self.kind = kind
    self.exercise = exercise
    self.title = title
    self.text = text
    self.seconds = seconds
    self.set = set
    self.sets = sets
    self.rep = rep
    self.reps = reps
    self.side = side
    self.sides = sides
  }

  /// What the phase is called on screen: "Get ready", "Go", "Rest", "Let go", "Switch sides".
  public var label: String {
    switch kind {
    case .ready: "Get ready"
    case .work, .timer: "Go"
    case .rest: "Rest"
    case .release: "Let go"
    case .switchSides: "Switch sides"
    }
  }

  /// Where it stands: "side 1 of 2 · set 1 of 2 · rep 3 of 10", leaving out the counters of one.
  public var position: String {
    var parts: [String] = []
    if sides > 1 { parts.append("side \(side) of \(sides)") }
    if kind != .timer {
      if sets > 1 { parts.append("set \(set) of \(sets)") }
      if reps > 1 || sets > 1 { parts.append("rep \(rep) of \(reps)") }
    }
    return parts.joined(separator: " · ")
  }
}
