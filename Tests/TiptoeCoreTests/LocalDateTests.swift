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

  @Test(arguments: ["2026-13-45", "2026-02-29", "2026-1-01", "26-01-01", "", "2026-00-10", "abcd-ef-gh", "2026-04-31"])
  func rejectsDatesThatDoNotExist(_ text: String) {
    #expect(LocalDate(iso: text) == nil)
  }

  @Test func acceptsLeapDays() {
    #expect(LocalDate(iso: "2028-02-29")?.description == "2028-02-29")
    #expect(LocalDate(iso: "2000-02-29") != nil)
    #expect(LocalDate(iso: "2100-02-29") == nil)
  }
}
