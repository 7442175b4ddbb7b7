import Foundation
import Testing

@testable import TiptoeCore

struct LocalDateTests {
  @Test func roundTripsEveryDayFrom1900To2200() {
    var previous: (Int, Int, Int)? = nil
    for number in -25567...84000 {
      let fields = LocalDate(dayNumber: number).fields
      #expect(LocalDate(year: fields.year, month: fields.month, day: fields.day)?.dayNumber == number)
      if let previous { #expect(previous < (fields.year, fields.month, fields.day)) }
      previous = (fields.year, fields.month, fields.day)
    }
  }

  @Test func agreesWithFoundationOnWeekdaysAndDates() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for number in stride(from: -20000, to: 40000, by: 37) {
      let components = calendar.dateComponents(
        [.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(number) * 86400))
      let date = LocalDate(dayNumber: number)
      #expect(
        date.fields.year == components.year && date.fields.month == components.month
          && date.fields.day == components.day)
      // Foundation: 1 = Sunday … 7 = Saturday.
      #expect((date.weekday.index + 1) % 7 + 1 == components.weekday)
    }
  }

  @Test(arguments: [
    "2026-13-45", "2026-02-29", "2026-1-01", "26-01-01", "", "2026-00-10", "abcd-ef-gh", "2026-04-31", "2026-+1-05",
    "+202-01-05", "2026-01-05 ", "2026/01/05", "2026-01-0٥", "20260-1-05", "2026-01-05-",
  ])
  func rejectsDatesThatDoNotExist(_ text: String) {
    #expect(LocalDate(iso: text) == nil)
  }

  @Test func acceptsLeapDays() {
    #expect(LocalDate(iso: "2028-02-29")?.description == "2028-02-29")
    #expect(LocalDate(iso: "2000-02-29") != nil)
    #expect(LocalDate(iso: "2100-02-29") == nil)
  }

  @Test func readsEveryDayItWrites() {
    for number in stride(from: -25567, to: 2_557_000, by: 97) {
      let date = LocalDate(dayNumber: number)
      #expect(LocalDate(iso: date.description) == date)
      #expect(LocalDate(iso: "x\(date)".dropFirst()) == date)
    }
  }

  @Test func findsTheDateInASlotID() {
    #expect(Slot.date(ofID: "toe-presses/2026-11-23/1") == LocalDate(iso: "2026-11-23"))
    for id in ["toe-presses/2026-11-23", "/2026-11-23/1", "toe-presses/2026-11-23/", "a/b/2026-11-23/1", "a//1", ""] {
      #expect(Slot.date(ofID: id) == nil, "\(id)")
    }
  }
}
