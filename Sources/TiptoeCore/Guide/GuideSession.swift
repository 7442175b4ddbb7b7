/// The clock of a guided session: which phase is on, how much of it is left, pause, skip and back.
///
/// Time comes in from outside as readings of a monotonic clock, in seconds (`now`); the session never
/// reads a clock itself, so a test runs an hour of it in microseconds. Time counts only while the
/// session runs: a pause stops it, and so does a gap between two readings longer than `suspendGap`
/// (the machine slept, the process was stopped), which pauses the session instead of rushing
/// through the phases that gap would have covered.
///
///     var session = GuideSession(phases: phases, at: 0)
///     session.update(at: 6)   // [1]: the count-in is over, the first hold began
///     session.remaining       // 2
public struct GuideSession: Sendable {
  public let phases: [GuidePhase]
  /// The phase that is on; `phases.count` once the session is over.
  public private(set) var index: Int = 0
  /// Seconds spent in the current phase, as of the last reading.
  public private(set) var spent: Double = 0
  public private(set) var isPaused = false
  /// Whether the last pause came from a gap in the readings rather than from the user.
  public private(set) var wasSuspended = false
  private var last: Double

  /// A gap between two readings longer than this (in seconds) counts as a suspend, not as time spent.
  public static let suspendGap: Double = 5

  public init(phases: [GuidePhase], at now: Double) {
    self.phases = phases
    self.last = now
    skipEmpty()
  }

  public var isFinished: Bool { index >= phases.count }
  public var current: GuidePhase? { isFinished ? nil : phases[index] }

  /// Whole seconds left of the current phase, rounded up: a 3 s hold shows 3, 2, 1.
  public var remaining: Int {
    guard let current else { return 0 }
    return max(0, Int((Double(current.seconds) - spent).rounded(.up)))
  }

  /// How much of the current phase is over, from 0 to 1.
  public var fraction: Double {
    guard let current, current.seconds > 0 else { return 1 }
    return min(1, max(0, spent / Double(current.seconds)))
  }

  /// Seconds left in the whole session, rounded up.
  public var remainingTotal: Int {
    guard !isFinished else { return 0 }
    return remaining + phases[(index + 1)...].reduce(0) { $0 + $1.seconds }
  }

  /// The exercises whose every phase is over, in order.
  public var finishedExercises: [String] {
    var ids: [String] = []
    for (position, phase) in phases.enumerated() where !ids.contains(phase.exercise) {
      let lastPhase = phases.lastIndex { $0.exercise == phase.exercise }!
      if lastPhase < index { ids.append(phase.exercise) }
      if position >= index { break }
    }
    return ids
  }

  /// Takes a clock reading; returns the indices of the phases that began since the last one (the
  /// end of the session is `phases.count`), so the caller rings once per change.
  @discardableResult
  public mutating func update(at now: Double) -> [Int] {
    let gap = now - last
    last = now
    guard !isPaused, !isFinished, gap > 0 else { return [] }
    guard gap <= Self.suspendGap else {
      isPaused = true
      wasSuspended = true
      return []
    }
    spent += gap
    var began: [Int] = []
    while !isFinished, spent >= Double(phases[index].seconds) {
      // The overshoot carries into the next phase, so the session keeps time over many phases.
      spent -= Double(phases[index].seconds)
      index += 1
      skipEmpty()
      began.append(index)
    }
    if isFinished { spent = 0 }
    return began
  }

  /// Pauses at `now` (time up to it counts).
  public mutating func pause(at now: Double) {
    update(at: now)
    isPaused = true
    wasSuspended = false
  }

  /// Resumes at `now`: the time paused does not count.
  public mutating func resume(at now: Double) {
    last = now
    isPaused = false
    wasSuspended = false
  }

  /// Space: pause, or resume.
  public mutating func togglePause(at now: Double) {
    if isPaused { resume(at: now) } else { pause(at: now) }
  }

  /// `n`: ends the current phase now and starts the next; returns the phase that began.
  @discardableResult
  public mutating func skip(at now: Double) -> Int {
    update(at: now)
    guard !isFinished else { return index }
    index += 1
    spent = 0
    skipEmpty()
    return index
  }

  /// `b`: back to the start of the previous phase (of the current one when it is the first).
  @discardableResult
  public mutating func back(at now: Double) -> Int {
    update(at: now)
    index = max(0, min(index, phases.count) - 1)
    while index > 0, phases[index].seconds == 0 { index -= 1 }
    spent = 0
    return index
  }

  /// Phases of no length (a count-in of 0) are passed over at once.
  private mutating func skipEmpty() {
    while !isFinished, phases[index].seconds == 0 { index += 1 }
  }
}
