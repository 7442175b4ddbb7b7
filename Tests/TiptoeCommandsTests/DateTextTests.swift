import Testing
import TiptoeCore

@testable import TiptoeCommands

@Suite struct DateTextTests {
  @Test func headingNamesWeekdayDayMonthAndYear() {
    #expect(DateText.heading(LocalDate(year: 2026, month: 11, day: 23)!) == "Mon 23 Nov 2026")
    #expect(DateText.heading(LocalDate(year: 2027, month: 2, day: 28)!) == "Sun 28 Feb 2027")
  }
}
