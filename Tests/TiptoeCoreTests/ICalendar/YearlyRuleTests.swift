import Testing

@testable import TiptoeCore

struct YearlyRuleTests {
  @Test func lastSundayOfMarch() {
    let dates = ["2025-03-30", "2026-03-29", "2027-03-28", "2028-03-26"].map(date)
    let rule = YearlyRule.inferred(from: dates)
    #expect(rule == YearlyRule(month: 3, day: .weekday(ordinal: -1, .sunday)))
    #expect(rule?.description == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
    #expect(rule?.date(in: 2029) == date("2029-03-25"))
  }

  @Test func secondSundayOfMarch() {
    let rule = YearlyRule.inferred(from: ["2026-03-08", "2027-03-14", "2028-03-12"].map(date))
    #expect(rule?.description == "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU")
    #expect(rule?.date(in: 2029) == date("2029-03-11"))
  }

  @Test func fixedDayOfMonth() {
    let rule = YearlyRule.inferred(from: ["2026-09-21", "2027-09-21", "2028-09-21"].map(date))
    #expect(rule?.description == "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21")
  }

  @Test func weekdayOnOrAfterADay() {
    // Asia/Jerusalem: the Friday on or after 23 March (2024: 29th, the last Friday; 2026: 27th, the 4th).
    let dates = ["2024-03-29", "2025-03-28", "2026-03-27", "2027-03-26", "2028-03-24"].map(date)
    let rule = YearlyRule.inferred(from: dates)
    #expect(rule == YearlyRule(month: 3, day: .weekdayOnOrAfter(day: 24, .friday)))
    #expect(rule?.description == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=24,25,26,27,28,29,30;BYDAY=FR")
    for (year, expected) in zip(2024..., dates) { #expect(rule?.date(in: year) == expected) }
  }

  @Test func noRuleWithoutConsecutiveYearsInOneMonth() {
    #expect(YearlyRule.inferred(from: [date("2026-03-29")]) == nil)
    #expect(YearlyRule.inferred(from: ["2026-03-29", "2028-03-26"].map(date)) == nil)
    #expect(YearlyRule.inferred(from: ["2026-03-29", "2027-04-04"].map(date)) == nil)
    // Casablanca's Ramadan breaks drift by about eleven days a year.
    #expect(YearlyRule.inferred(from: ["2026-02-15", "2027-02-07"].map(date)) == nil)
  }

  @Test func datesOfEachForm() {
    #expect(YearlyRule(month: 10, day: .weekday(ordinal: 1, .sunday)).date(in: 2027) == date("2027-10-03"))
    #expect(YearlyRule(month: 2, day: .weekday(ordinal: -1, .thursday)).date(in: 2024) == date("2024-02-29"))
    #expect(YearlyRule(month: 2, day: .monthDay(30)).date(in: 2027) == nil)
    #expect(YearlyRule(month: 4, day: .weekdayOnOrAfter(day: 2, .sunday)).date(in: 2027) == date("2027-04-04"))
  }
}
