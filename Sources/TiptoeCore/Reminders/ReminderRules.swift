import Foundation

/// Decides which reminders to show, given the slots, what the history says about them, and `now`.
///
/// Pure: the agent reads the clock and the history and carries the decision out; recording what it
/// did (`fired`, `missed`) makes the next decision at the same instant idle, so a restart never
/// shows a slot twice.
///
///     let rules = ReminderRules(planner: planner, settings: ReminderSettings())
///     let window = rules.window(around: now)
///     let history = History(planner: planner, events: try store.events(forSlotsFrom: window.start, to: window.end),
///                           pauseEvents: try store.pauseEvents())
///     let decision = rules.decide(history, now: now)
public struct ReminderRules: Sendable {
  public let planner: Planner
  public let settings: ReminderSettings
  /// The routine's quiet spans.
  public let hold: QuietHold
  /// Each part's quiet spans, when several routines are planned together.
  private let partHolds: [QuietHold]
  /// The ids of slots the caller still shows or knows snoozed (the agent's): a decision looks back to
  /// them however old, so a reminder left open across a long suspend, or a snooze ending after
  /// midnight, is shown or logged missed, instead of dropping out of sight unrecorded.
  public var holding: Set<String> = []
  /// When nobody was there to see a reminder (the agent's presence monitor), recent and current. While
  /// one is on, nothing is shown, nudged or missed; afterwards what came due shows as caught up, and
  /// the nudge and miss clocks of a reminder shown before count only the time outside them.
  public var holds: [ReminderHold] = []

  public init(planner: Planner, settings: ReminderSettings) {
    self.planner = planner
    self.settings = settings
    self.hold = QuietHold(routine: planner.routine, timeZone: planner.timeZone)
    // Each routine's quiet spans in its own zone.
    var first = 0
    partHolds = planner.routine.parts.map { part in
      defer { first += part.exercises.count }
      return QuietHold(routine: part, timeZone: planner.resolver(ofExercise: first).timeZone)
    }
  }

  /// How many days after today a decision looks ahead: a week and a day, so that the next slot of
  /// a weekly exercise is always in sight.
  public static let daysAhead = 8

  /// The slots a decision at `now` looks at: today's (in the routine's zone), and earlier ones still
  /// within the catch-up window or since the first of `holds`, and those in `holding`; then `daysAhead`
  /// days ahead.
  public func slots(around now: Date) -> [Slot] {
    let zone = planner.timeZone
    let today = ISO8601.localDateTime(now, utcOffset: zone.secondsFromGMT(for: now)).0
    let earliest =
      ([planner.dayStart(today), now.addingTimeInterval(-max(settings.catchUpWindow, settings.missAfter))]
      + holds.map(\.start)).min()!
    var first = ISO8601.localDateTime(earliest, utcOffset: zone.secondsFromGMT(for: earliest)).0
    if let held = holding.compactMap(Slot.date(ofID:)).min(), held < first { first = held }
    // A window that crosses midnight puts the day before's last slots on `first`.
    if planner.hasNights { first = first.adding(days: -1) }
    return planner.slots(from: first, days: today.dayNumber - first.dayNumber + Self.daysAhead + 1).filter {
      $0.start >= earliest || holding.contains($0.id)
    }
  }

  /// The slot starts whose events a decision at `now` reads: `start..<end` around `slots(around:)`,
  /// from the Monday of the first one's week, so that weekly goals count the whole week.
  public func window(around now: Date) -> (start: Date, end: Date) {
    let slots = slots(around: now)
    let first = slots.first?.start ?? now
    let zone = planner.timeZone
    let monday = planner.dayStart(ISO8601.localDateTime(first, utcOffset: zone.secondsFromGMT(for: first)).0.monday)
    return (min(first, monday).addingTimeInterval(-1), (slots.last?.start ?? now).addingTimeInterval(1))
  }

  /// The earliest instant a reminder planned for `instant` may show: after quiet spans (those of the
  /// routine of the exercise at `exerciseIndex`) and the pause.
  public func release(_ instant: Date, pause: PauseState, exerciseIndex: Int = 0) -> Date? {
    let hold = partHolds.isEmpty ? hold : partHolds[planner.routine.partIndex(ofExercise: exerciseIndex)]
    var current = instant
    // A pause may end inside a quiet span and a quiet span inside a pause: settle both.
    for _ in 0..<4 {
      guard let paused = pause.release(current) else { return nil }
      let quiet = hold.release(paused)
      if quiet == current { return current }
      current = quiet
    }
    return current
  }

  /// What to do at `now`, given the history of the slots around it.
  public func decide(_ history: History, now: Date) -> ReminderDecision {
    // Nobody there: everything waits for the hold to end, which only the caller sees.
    if holds.isOn(at: now) { return ReminderDecision() }
    let pause = history.pause(at: now)
    var decision = ReminderDecision()
    var wake: [Date] = []
    var dueNow: [(slot: Slot, kind: ReminderKind)] = []
    var upcoming: [(slot: Slot, at: Date, snoozed: Bool)] = []
    var soonest: Date?
    var nudges: [Slot] = []
    let horizon = now.addingTimeInterval(settings.mergeWindow)
    for slot in slots(around: now) {
      let record = history.record(of: slot)
      // Neither shown nor snoozed, and later than the merge window and a reminder already ahead (the
      // slots come by start, and none shows before its start): not shown now, not the next wake-up.
      if let soonest, slot.start > max(soonest, horizon), record.firedSinceDecision.isEmpty,
        record.decision != .snoozed
      {
        continue
      }
      // Settled, or optional once the week has its goal: nothing to remind, nothing to miss.
      if record.isSettled || history.isOptional(slot) { continue }
      // Past the start of the exercise's next slot (or the end of the day) it is missed, as the status says.
      if let first = record.firedSinceDecision.first {
        let dueEnd = planner.dueEnd(of: slot)
        // Shown and not answered: once more after a while, then missed; the time held does not count.
        let missAt = min(holds.deadline(from: first, after: settings.missAfter) ?? dueEnd, dueEnd)
        if now >= missAt {
          decision.missed.append(slot)
          if holds.contains(where: { $0.overlaps(from: first, to: now) }) { decision.missedWhileAway.append(slot) }
          continue
        }
        wake.append(missAt)
        if record.firedSinceDecision.count == 1,
          let nudgeAt = holds.deadline(from: first, after: settings.nudgeAfter).flatMap({
            release($0, pause: pause, exerciseIndex: slot.exerciseIndex)
          }),
          nudgeAt < missAt
        {
          if now >= nudgeAt { nudges.append(slot) } else { wake.append(nudgeAt) }
        }
        continue
      }
      // Not shown since the decision: due at its start, or when its snooze ends.
      let snoozed = record.decision == .snoozed
      let planned = snoozed ? (record.snoozedUntil ?? slot.start) : slot.start
      // (A slot moved past its dueEnd by a spring-forward gap still fires once, at its moved time.)
      if now.timeIntervalSince(planned) > settings.catchUpWindow || (now >= planned && now >= planner.dueEnd(of: slot))
      {
        decision.missed.append(slot)
        if holds.contains(where: { $0.overlaps(from: planned, to: now) }) { decision.missedWhileAway.append(slot) }
        continue
      }
      guard let releaseAt = release(planned, pause: pause, exerciseIndex: slot.exerciseIndex) else { continue }
      if releaseAt > now {
        upcoming.append((slot, releaseAt, snoozed))
        soonest = min(soonest ?? releaseAt, releaseAt)
        continue
      }
      // Held back because nobody was there when it would have shown: caught up, as after a suspend.
      let late = now.timeIntervalSince(releaseAt) > settings.lateAfter || holds.isOn(at: releaseAt)
      dueNow.append((slot, snoozed ? .snoozeEnded : late ? .catchUp : .due))
    }

    if !dueNow.isEmpty {
      // One notification for everything due now and what comes due within the merge window.
      // A snoozed slot does not join before its snooze ends: it was put off until then.
      let joining = upcoming.filter { $0.at <= horizon && !$0.snoozed }
      upcoming.removeAll { $0.at <= horizon && !$0.snoozed }
      let slots = (dueNow.map(\.slot) + joining.map(\.slot)).sorted { ($0.start, $0.id) < ($1.start, $1.id) }
      let kinds = Set(dueNow.map(\.kind))
      let kind: ReminderKind = kinds.contains(.catchUp) ? .catchUp : kinds == [.snoozeEnded] ? .snoozeEnded : .due
      decision.show.append(
        Reminder(
          kind: kind, slots: slots, canSnooze: slots.allSatisfy { canSnooze(history.record(of: $0)) },
          missedWhileAway: decision.missedWhileAway))
    }
    if !nudges.isEmpty {
      decision.nudge.append(
        Reminder(kind: .nudge, slots: nudges, canSnooze: nudges.allSatisfy { canSnooze(history.record(of: $0)) }))
    }
    wake += upcoming.map(\.at)
    decision.wakeAt = wake.min()
    return decision
  }

  /// The first instant after `now` at which the agent acts, and what it does then, if nobody answers
  /// meanwhile; nil when nothing is ahead (an empty routine, or paused for good). What is due at
  /// `now` counts as shown now, as the running agent shows it.
  public func nextAction(_ history: History, now: Date) -> (at: Date, decision: ReminderDecision)? {
    let history = history.recording(decide(history, now: now), at: now)
    var wake = decide(history, now: now).wakeAt
    // Wake-ups that change nothing by themselves (a pause ending with nothing due) are skipped.
    for _ in 0..<16 {
      guard let instant = wake else { return nil }
      let decision = decide(history, now: instant)
      if !decision.isIdle { return (instant, decision) }
      guard let next = decision.wakeAt, next > instant else { return nil }
      wake = next
    }
    return nil
  }

  /// Slots shown and still waiting for an answer at `now`.
  public func waiting(_ history: History, now: Date) -> [Slot] {
    slots(around: now).filter { history.record(of: $0).isWaiting }
  }

  /// Whether a slot may be snoozed once more (the button's limit, which the command line keeps too).
  public func canSnooze(_ record: SlotRecord) -> Bool { record.snoozes < settings.maxSnoozes }
}
