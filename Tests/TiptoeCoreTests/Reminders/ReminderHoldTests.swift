import Foundation
import Testing

@testable import TiptoeCore

/// Holds (screen locked, away, do-not-disturb) in the reminder rules: the routine of
/// ``ReminderRulesTests`` (toe presses 09:00, 12:40 held to 13:30 by a quiet span, 18:00; toe walking
/// 09:04, 18:30; Berlin).
struct ReminderHoldTests {
  let base: ReminderRulesTests

  init() throws { base = try ReminderRulesTests() }

  func rules(_ holds: [ReminderHold]) -> ReminderRules {
    var rules = base.rules
    rules.holds = holds
    return rules
  }

  func locked(_ start: String, _ end: String? = nil) -> ReminderHold {
    ReminderHold(.locked, start: base.at(start), end: end.map(base.at))
  }

  func decide(_ holds: [ReminderHold], _ history: History? = nil, now: Date) -> ReminderDecision {
    rules(holds).decide(history ?? base.records([]), now: now)
  }

  @Test func lockedBeforeTheSlotNothingShowsUntilUnlockedThenOneCatchUp() {
    let held = decide([locked("08:55:00")], now: base.at("09:00:00"))
    #expect(held.isIdle)
    #expect(held.wakeAt == nil)
    let back = decide([locked("08:55:00", "09:00:30")], now: base.at("09:00:30"))
    #expect(back.missed.isEmpty)
    #expect(back.show.map(\.kind) == [.catchUp])
    #expect(back.show.map { $0.slots.map(\.id) } == [[base.morning, base.walk]])
  }

  @Test func lockedPastTheCatchUpWindowLogsMissedOnReturnAndSaysItWasWhileAway() {
    let held = decide([locked("08:55:00")], now: base.at("12:20:00"))
    #expect(held.isIdle)
    let back = decide([locked("08:55:00", "12:20:00")], now: base.at("12:20:00"))
    #expect(back.missed.map(\.id) == [base.morning, base.walk])
    #expect(back.missedWhileAway.map(\.id) == [base.morning, base.walk])
    #expect(back.show.isEmpty)
    // Missed without anybody away is not said to be.
    #expect(decide([], now: base.at("12:20:00")).missedWhileAway.isEmpty)
  }

  @Test func theNudgeAndMissClocksStandStillWhileHeld() {
    let fired = base.records([(.fired, base.morning, "09:00:00", nil), (.fired, base.walk, "09:00:00", nil)])
    // Without the hold, missed at 10:00.
    #expect(decide([], fired, now: base.at("10:00:00")).missed.count == 2)
    #expect(decide([locked("09:05:00")], fired, now: base.at("10:30:00")).isIdle)
    // Locked for 45 minutes: the nudge comes at 10:00 instead of 09:15, the miss at 10:45.
    let hold = [locked("09:05:00", "09:50:00")]
    let back = decide(hold, fired, now: base.at("09:50:00"))
    #expect(back.isIdle)
    #expect(back.wakeAt == base.at("10:00:00"))
    #expect(decide(hold, fired, now: base.at("10:00:00")).nudge.map { $0.slots.count } == [2])
    let nudged = base.records(
      [
        (.fired, base.morning, "09:00:00", nil), (.fired, base.walk, "09:00:00", nil),
        (.fired, base.morning, "10:00:00", nil), (.fired, base.walk, "10:00:00", nil),
      ])
    #expect(decide(hold, nudged, now: base.at("10:44:59")).isIdle)
    let missed = decide(hold, nudged, now: base.at("10:45:00"))
    #expect(missed.missed.count == 2)
    #expect(missed.missedWhileAway.count == 2)
  }

  @Test func aSlotSettledElsewhereWhileHeldIsNotShownOnReturn() {
    let history = base.records([(.done, base.morning, "09:10:00", nil)])
    let back = decide([locked("08:55:00", "09:30:00")], history, now: base.at("09:30:00"))
    #expect(back.show.map { $0.slots.map(\.id) } == [[base.walk]])
    #expect(back.missed.isEmpty)
  }

  @Test func anyReasonHoldsAndOverlappingHoldsEndWithTheLast() {
    let holds = [
      ReminderHold(.away, start: base.at("08:50:00"), end: base.at("09:20:00")),
      ReminderHold(.doNotDisturb, start: base.at("09:10:00")),
    ]
    #expect(decide(holds, now: base.at("09:25:00")).isIdle)
    var ended = holds
    ended[1].end = base.at("09:40:00")
    #expect(decide(ended, now: base.at("09:40:00")).show.map(\.kind) == [.catchUp])
  }

  @Test func aHoldAcrossMidnightLooksBackToTheSlotsOfTheDayBefore() {
    let start = base.at("17:55:00")
    let end = instant("2026-11-24T09:10:00+01:00")
    let back = decide([ReminderHold(.locked, start: start, end: end)], .empty(base.planner), now: end)
    let evening = ["toe-presses/2026-11-23/3", "toe-walking/2026-11-23/2"]
    #expect(back.missed.map(\.id) == evening)
    #expect(back.missedWhileAway.map(\.id) == evening)
    #expect(back.show.map { $0.slots.map(\.id) } == [["toe-presses/2026-11-24/1", "toe-walking/2026-11-24/1"]])
    #expect(back.show.map(\.kind) == [.catchUp])
    #expect(back.show.first?.missedWhileAway.map(\.id) == evening)
  }

  @Test func aHoldAcrossTheAutumnChangeCountsRealTime() {
    // 2026-10-25 03:00 CEST became 02:00 CET: a hold from 01:30 CEST to 02:30 CET is two hours.
    let hold = [
      ReminderHold(
        .away, start: instant("2026-10-25T01:30:00+02:00"), end: instant("2026-10-25T02:30:00+01:00"))
    ]
    #expect(
      hold.deadline(from: instant("2026-10-25T01:00:00+02:00"), after: 3600) == instant("2026-10-25T03:00:00+01:00"))
    let start = instant("2026-10-24T17:55:00+02:00")
    let end = instant("2026-10-25T09:02:00+01:00")
    let back = decide([ReminderHold(.locked, start: start, end: end)], .empty(base.planner), now: end)
    #expect(back.missed.map(\.id) == ["toe-presses/2026-10-24/3", "toe-walking/2026-10-24/2"])
    #expect(back.show.map { $0.slots.map(\.id) } == [["toe-presses/2026-10-25/1", "toe-walking/2026-10-25/1"]])
  }

  @Test func aPauseOverlappingALockShowsWhenBothHaveEnded() {
    let paused = base.records([], pause: .paused(until: base.at("09:30:00")))
    // Paused until 09:30, locked 09:20–10:00: nothing at 09:30, one catch-up at 10:00.
    #expect(decide([locked("09:20:00")], paused, now: base.at("09:30:00")).isIdle)
    let late = decide([locked("09:20:00", "10:00:00")], paused, now: base.at("10:00:00"))
    #expect(late.show.map(\.kind) == [.catchUp])
    #expect(late.show.map { $0.slots.map(\.id) } == [[base.morning, base.walk]])
    // Locked 08:50–09:10 inside the pause: back before it ends, so the lock changes nothing.
    let early = [locked("08:50:00", "09:10:00")]
    let unlocked = decide(early, paused, now: base.at("09:10:00"))
    #expect(unlocked.isIdle)
    #expect(unlocked.wakeAt == base.at("09:30:00"))
    let resumed = decide(early, paused, now: base.at("09:30:00"))
    #expect(resumed.show.map { $0.slots.map(\.id) } == [[base.morning, base.walk]])
    #expect(resumed == decide([], paused, now: base.at("09:30:00")))
  }

  @Test func nothingIsForecastWhileHeld() {
    #expect(rules([locked("08:00:00")]).nextAction(base.records([]), now: base.at("08:30:00")) == nil)
  }
}
