import Foundation
import Testing

@testable import TiptoeCore

struct PlannerTests {
  let builtIn = try! RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")

  @Test func aWeekOfTheBuiltInRoutineInBerlin() {
    let slots = Array(
      Planner(routine: builtIn, timeZone: zone("Europe/Berlin")).slots(from: date("2026-11-23"), days: 7))
    let counts = Dictionary(grouping: slots, by: \.exercise).mapValues(\.count)
    #expect(
      counts == [
        "toe-presses": 21, "toe-walking": 14, "ankle-circles": 14, "resisted-flexion": 3, "toe-pencil-pickups": 3,
      ])
    #expect(slots.map(\.start) == slots.map(\.start).sorted())
    #expect(Set(slots.map(\.id)).count == slots.count)
    #expect(slots.allSatisfy { $0.isoStart.hasSuffix("+01:00") })
    for slot in slots {
      let time = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset).1
      #expect(time >= builtIn.day.start && time <= builtIn.day.end)
    }
    // A weekly frequency of 3 takes Monday, Wednesday and Friday.
    let weekly = slots.filter { $0.exercise == "resisted-flexion" }.map(\.date.weekday)
    #expect(weekly == [.monday, .wednesday, .friday])
  }

  /// Slots at the same minute keep the routine's order on the days of a clock change too.
  @Test(arguments: ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-25"])
  func slotsAtTheSameMinuteKeepTheRoutinesOrder(_ day: String) {
    let slots = Planner(routine: builtIn, timeZone: zone("Europe/Berlin")).slots(on: date(day))
    let order = builtIn.exercises.map(\.id)
    for (earlier, later) in zip(slots, slots.dropFirst()) where earlier.start == later.start {
      #expect(
        order.firstIndex(of: earlier.exercise)! < order.firstIndex(of: later.exercise)!, "\(earlier.id), \(later.id)")
    }
  }

  @Test func dailySlotsSitAtTheCentresOfEqualPartsOfTheWindow() {
    let slots = Planner(routine: builtIn, timeZone: zone("UTC")).slots(on: date("2026-11-23"))
    let presses = slots.filter { $0.exercise == "toe-presses" }.map(\.time.description)
    #expect(presses == ["10:10", "14:30", "18:50"])
    #expect(presses.count == 3)
    #expect(slots.filter { $0.exercise == "toe-walking" }.map(\.ordinal) == [1, 2])
  }

  @Test func idsAreStableAcrossStartDates() {
    let planner = Planner(routine: builtIn, timeZone: zone("Europe/Berlin"))
    let fromMonday = Array(planner.slots(from: date("2026-11-23"), days: 7)).suffix(10)
    let fromThursday = Array(planner.slots(from: date("2026-11-26"), days: 4)).suffix(10)
    #expect(fromMonday.map(\.id) == fromThursday.map(\.id))
    #expect(fromMonday.map(\.start) == fromThursday.map(\.start))
  }

  @Test func theSequenceIsLazyAndUnbounded() {
    let planner = Planner(routine: builtIn, timeZone: zone("Europe/Berlin"))
    let far = planner.slots(from: date("2026-11-23")).lazy.filter { $0.date >= date("2126-11-23") }.first { _ in true }
    #expect(far?.date == date("2126-11-23"))
  }

  @Test func aRoutineWithNoExercisesEnds() {
    let empty = Routine(name: "empty", exercises: [])
    #expect(Array(Planner(routine: empty, timeZone: zone("UTC")).slots(from: date("2026-01-01"))).isEmpty)
  }

  @Test func weeklyFrequenciesHonourDays() throws {
    let routine = try routine(
      """
      [[exercise]]
      id = "a"
      title = "A"
      every = "twice a week"
      days = ["tue", "thu", "sat"]
      [[exercise]]
      id = "b"
      title = "B"
      every = "2 times a week"
      [[exercise]]
      id = "c"
      title = "C"
      every = "every other day"
      """)
    let slots = Array(Planner(routine: routine, timeZone: zone("UTC")).slots(from: date("2026-11-23"), days: 14))
    #expect(slots.filter { $0.exercise == "a" }.map(\.date.weekday) == [.tuesday, .thursday, .tuesday, .thursday])
    #expect(slots.filter { $0.exercise == "b" }.map(\.date.weekday) == [.monday, .thursday, .monday, .thursday])
    let everyOther = slots.filter { $0.exercise == "c" }.map(\.date.dayNumber)
    #expect(everyOther.count == 7)
    #expect(zip(everyOther, everyOther.dropFirst()).allSatisfy { $1 - $0 == 2 })
  }

  @Test func explicitTimesAreKeptToTheSecond() throws {
    let routine = try routine(
      """
      [[exercise]]
      id = "a"
      title = "A"
      at = ["19:00:30", "08:30"]
      days = ["mon"]
      """)
    let slots = Planner(routine: routine, timeZone: zone("Asia/Kolkata")).slots(on: date("2026-11-23"))
    #expect(slots.map(\.isoStart) == ["2026-11-23T08:30:00+05:30", "2026-11-23T19:00:30+05:30"])
    #expect(Planner(routine: routine, timeZone: zone("UTC")).slots(on: date("2026-11-24")).isEmpty)
  }

  @Test func theDayAfterSpringForwardInNewYorkHasItsOwnOffset() {
    let planner = Planner(routine: builtIn, timeZone: zone("America/New_York"))
    let before = planner.slots(on: date("2026-03-07")).filter { $0.exercise == "toe-presses" }
    let after = planner.slots(on: date("2026-03-09")).filter { $0.exercise == "toe-presses" }
    #expect(
      before.map(\.isoStart) == ["2026-03-07T10:10:00-05:00", "2026-03-07T14:30:00-05:00", "2026-03-07T18:50:00-05:00"])
    #expect(
      after.map(\.isoStart) == ["2026-03-09T10:10:00-04:00", "2026-03-09T14:30:00-04:00", "2026-03-09T18:50:00-04:00"])
    #expect(after.map(\.id) == ["toe-presses/2026-03-09/1", "toe-presses/2026-03-09/2", "toe-presses/2026-03-09/3"])
  }
}
