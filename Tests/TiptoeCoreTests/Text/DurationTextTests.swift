import Testing

@testable import TiptoeCore

@Suite struct DurationTextTests {
  @Test func spansShowTheLargestUnitAndTheNext() {
    #expect(DurationText.span(45) == "45 s")
    #expect(DurationText.span(600) == "10 min")
    #expect(DurationText.span(90) == "1 min 30 s")
    #expect(DurationText.span(5400) == "1 h 30 min")
    #expect(DurationText.span(7200) == "2 h")
    #expect(DurationText.span(7265) == "2 h 1 min")
    #expect(DurationText.span(2 * 86400) == "2 d")
    #expect(DurationText.span(86400 + 3 * 3600 + 59) == "1 d 3 h")
    #expect(DurationText.span(0) == "0 s")
  }

  @Test func relativeTimesSayInOrAgo() {
    #expect(DurationText.relative(7500) == "in 2 h 5 min")
    #expect(DurationText.relative(40) == "in 40 s")
    #expect(DurationText.relative(-300) == "5 min ago")
  }

  @Test func listsJoinWithCommasAndAnd() {
    #expect(ListText.and([]) == "")
    #expect(ListText.and(["A"]) == "A")
    #expect(ListText.and(["A", "B"]) == "A and B")
    #expect(ListText.and(["A", "B", "C"]) == "A, B and C")
  }
}
