import Foundation

/// Decides which reminders to show, given the slots, what the history says about them, and `now`.
///
/// Pure: the agent reads the clock and the history and carries the decision out; recording what it
/// did (`fired`, `missed`) makes the next decision at the same instant idle, so a restart never
/// shows a slot twice.
///
///     let rules = ReminderRules(planner: planner, settings: ReminderSettings())
///     let decision = rules.decide(records: SlotRecord.build(from: events),
///                                 pause: PauseState(events: events, now: now), now: now)
public struct ReminderRules: Sendable {
  public let planner: Planner
  public let settings: ReminderSettings
  /// The routine's quiet spans.
  public let hold: QuietHold

  public init(planner: Planner, settings: ReminderSettings) {
    self.planner = planner
    self.settings = settings
    self.hold = QuietHold(spans: planner.routine.day.quiet, timeZone: planner.timeZone)
  }

  /// The slots a decision at `now` looks at: today's (in the routine's zone), and earlier ones still
  /// within the catch-up window or waiting for an answer; then two days ahead.
  public func slots(around now: Date) -> [Slot] {
    let zone = planner.timeZone
    let today = ISO8601.localDateTime(now, utcOffset: zone.secondsFromGMT(for: now)).0
    let earliest = min(
      planner.dayStart(today), now.addingTimeInterval(-max(settings.catchUpWindow, settings.missAfter)))
    let first = ISO8601.localDateTime(earliest, utcOffset: zone.secondsFromGMT(for: earliest)).0
    return planner.slots(from: first, days: today.dayNumber - first.dayNumber + 3).filter { $0.start >= earliest }
  }

  /// The earliest instant a reminder planned for `instant` may show: after quiet spans and the pause.
  public func release(_ instant: Date, pause: PauseState) -> Date? {
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

  /// What to do at `now`, given each slot's record (by slot id) and the pause.
  public func decide(records: [String: SlotRecord], pause: PauseState, now: Date) -> ReminderDecision {
    var decision = ReminderDecision()
    var wake: [Date] = []
    var dueNow: [(slot: Slot, kind: ReminderKind)] = []
    var upcoming: [(slot: Slot, at: Date)] = []
    var nudges: [Slot] = []
    for slot in slots(around: now) {
      let record = records[slot.id] ?? SlotRecord()
      if record.isSettled { continue }
      // Past the start of the exercise's next slot (or the end of the day) it is missed, as the status says.
      let dueEnd = planner.dueEnd(of: slot)
      if let first = record.firedSinceDecision.first {
        // Shown and not answered: once more after a while, then missed.
        let missAt = min(first.addingTimeInterval(settings.missAfter), dueEnd)
        if now >= missAt {
          decision.missed.append(slot)
          continue
        }
        wake.append(missAt)
        if record.firedSinceDecision.count == 1,
          let nudgeAt = release(first.addingTimeInterval(settings.nudgeAfter), pause: pause), nudgeAt < missAt
        {
          if now >= nudgeAt { nudges.append(slot) } else { wake.append(nudgeAt) }
        }
        continue
      }
      // Not shown since the decision: due at its start, or when its snooze ends.
      let snoozed = record.decision == .snoozed
      let planned = snoozed ? (record.snoozedUntil ?? slot.start) : slot.start
      // (A slot moved past its dueEnd by a spring-forward gap still fires once, at its moved time.)
      if now.timeIntervalSince(planned) > settings.catchUpWindow || (now >= dueEnd && now >= planned) {
        decision.missed.append(slot)
        continue
      }
      guard let releaseAt = release(planned, pause: pause) else { continue }
      if releaseAt > now {
        upcoming.append((slot, releaseAt))
        continue
      }
      let late = now.timeIntervalSince(releaseAt) > settings.lateAfter
      dueNow.append((slot, snoozed ? .snoozeEnded : late ? .catchUp : .due))
    }

    if !dueNow.isEmpty {
      // One notification for everything due now and what comes due within the merge window.
      let horizon = now.addingTimeInterval(settings.mergeWindow)
      let joining = upcoming.filter { $0.at <= horizon }
      upcoming.removeAll { $0.at <= horizon }
      let slots = (dueNow.map(\.slot) + joining.map(\.slot)).sorted { ($0.start, $0.id) < ($1.start, $1.id) }
      let kinds = Set(dueNow.map(\.kind))
      let kind: ReminderKind = kinds.contains(.catchUp) ? .catchUp : kinds == [.snoozeEnded] ? .snoozeEnded : .due
      decision.show.append(Reminder(kind: kind, slots: slots, canSnooze: canSnooze(slots, records)))
    }
    if !nudges.isEmpty {
      decision.nudge.append(Reminder(kind: .nudge, slots: nudges, canSnooze: canSnooze(nudges, records)))
    }
    wake += upcoming.map(\.at)
    decision.wakeAt = wake.min()
    return decision
  }

  /// The first instant after `now` at which the agent acts, and what it does then, if nobody answers
  /// meanwhile; nil when nothing is ahead (an empty routine, or paused for good).
  public func nextAction(records: [String: SlotRecord], pause: PauseState, now: Date) -> (
    at: Date, decision: ReminderDecision
  )? {
    var wake = decide(records: records, pause: pause, now: now).wakeAt
    // Wake-ups that change nothing by themselves (a pause ending with nothing due) are skipped.
    for _ in 0..<16 {
      guard let instant = wake else { return nil }
      let decision = decide(records: records, pause: pause, now: instant)
      if !decision.isIdle { return (instant, decision) }
      guard let next = decision.wakeAt, next > instant else { return nil }
      wake = next
    }
    return nil
  }

  /// Slots shown and still waiting for an answer at `now`.
  public func waiting(records: [String: SlotRecord], now: Date) -> [Slot] {
    slots(around: now).filter {
      guard let record = records[$0.id] else { return false }
      return !record.isSettled && !record.firedSinceDecision.isEmpty
    }
  }

  private func canSnooze(_ slots: [Slot], _ records: [String: SlotRecord]) -> Bool {
    slots.allSatisfy { (records[$0.id]?.snoozes ?? 0) < settings.maxSnoozes }
  }
}
