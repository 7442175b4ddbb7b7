import Foundation
import Testing

@testable import TiptoeCore

/// The VTIMEZONE's observances against Foundation's own zone.
struct VTimeZoneTests {
  func written(_ zone: VTimeZone) -> String {
    var lines = ContentLines()
    zone.write(to: &lines)
    return String(decoding: lines.bytes, as: UTF8.self)
  }

  /// Every onset the observances give up to 2045, as (UTC instant, offset from then on), sorted.
  func onsets(_ zone: VTimeZone) -> [(instant: Int, offset: Int)] {
    var result: [(instant: Int, offset: Int)] = []
    for observance in zone.observances {
      var onsets = [observance.start] + observance.dates
      if let rule = observance.rule {
        let first = LocalDate(dayNumber: observance.start / 86400)
        let time = observance.start - first.dayNumber * 86400
        for year in (first.fields.year + 1)...2045 {
          guard let day = rule.date(in: year) else { continue }
          let onset = day.dayNumber * 86400 + time
          if let until = observance.until, onset - observance.offsetFrom > Int(until.timeIntervalSince1970) { break }
          onsets.append(onset)
        }
      }
      result += onsets.map { ($0 - observance.offsetFrom, observance.offsetTo) }
    }
    return result.sorted { $0.instant < $1.instant }
  }

  @Test(arguments: [
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Jerusalem", "Africa/Casablanca",
    "America/Santiago", "Africa/Cairo", "Antarctica/Troll", "Asia/Tokyo", "GMT",
  ])
  func observancesGiveFoundationsOffsetsEveryQuarterHour(_ identifier: String) {
    let timeZone = zone(identifier)
    let vtimezone = VTimeZone(timeZone: timeZone, covering: date("2026-11-23")...date("2027-12-28"))
    let changes = onsets(vtimezone)
    var next = 0
    var offset: Int?
    var instant = date("2026-11-22").dayNumber * 86400
    while instant < date("2031-12-31").dayNumber * 86400 {
      while next < changes.count && changes[next].instant <= instant {
        offset = changes[next].offset
        next += 1
      }
      let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
      if offset != expected {
        Issue.record("\(identifier) at \(instant): \(String(describing: offset)), not \(expected)")
        return
      }
      instant += 900
    }
  }

  @Test func berlinIsTwoOpenEndedRules() {
    let text = written(VTimeZone(timeZone: zone("Europe/Berlin"), covering: date("2026-11-23")...date("2026-11-23")))
    #expect(
      text == """
        BEGIN:VTIMEZONE\r
        TZID:Europe/Berlin\r
        X-LIC-LOCATION:Europe/Berlin\r
        BEGIN:DAYLIGHT\r
        DTSTART:20250330T020000\r
        TZOFFSETFROM:+0100\r
        TZOFFSETTO:+0200\r
        TZNAME:\(zone("Europe/Berlin").abbreviation(for: instant("2026-07-01T00:00:00Z"))!)\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        DTSTART:20251026T030000\r
        TZOFFSETFROM:+0200\r
        TZOFFSETTO:+0100\r
        TZNAME:\(zone("Europe/Berlin").abbreviation(for: instant("2026-01-01T00:00:00Z"))!)\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r

        """)
  }

  @Test func aZoneWithoutChangesIsOneStandardObservance() {
    let tokyo = VTimeZone(timeZone: zone("Asia/Tokyo"), covering: date("2026-11-23")...date("2027-12-28"))
    #expect(tokyo.observances.count == 1)
    let only = tokyo.observances[0]
    #expect(only.kind == .standard && only.start == 0 && only.offsetFrom == 32400 && only.offsetTo == 32400)
    #expect(tokyo.gaps.isEmpty)
  }

  @Test func theFirstObservanceStartsBeforeEarlyDates() {
    let utc = VTimeZone(timeZone: zone("GMT"), covering: date("1950-06-01")...date("1950-06-01"))
    #expect(utc.observances.count == 1)
    #expect(utc.observances[0].start == date("1949-01-01").dayNumber * 86400)
  }

  @Test func irregularChangesBecomeRDATEs() {
    let casablanca = VTimeZone(timeZone: zone("Africa/Casablanca"), covering: date("2026-11-23")...date("2026-11-23"))
    #expect(casablanca.observances.allSatisfy { $0.rule == nil })
    #expect(casablanca.observances.map(\.dates.count).reduce(0, +) >= 10)
  }

  @Test func aRuleThatStopsGetsAnUntil() {
    // Cairo's autumn change is the Friday after the last Thursday of October; in 2030 that is 1 November.
    let cairo = VTimeZone(timeZone: zone("Africa/Cairo"), covering: date("2026-11-23")...date("2026-11-23"))
    let autumn = cairo.observances.filter { $0.kind == .standard && $0.rule != nil }
    #expect(autumn.count == 1)
    #expect(autumn.first?.until == instant("2029-10-25T21:00:00Z"))
  }

  @Test func gapsAreTheMissingWallClockSpans() {
    let berlin = VTimeZone(timeZone: zone("Europe/Berlin"), covering: date("2026-11-23")...date("2026-11-23"))
    let day = date("2027-03-28").dayNumber * 86400
    #expect(berlin.gaps.contains((day + 7200)..<(day + 10800)))
    let lordHowe = VTimeZone(timeZone: zone("Australia/Lord_Howe"), covering: date("2026-11-23")...date("2026-11-23"))
    let october = date("2027-10-03").dayNumber * 86400
    #expect(lordHowe.gaps.contains((october + 7200)..<(october + 9000)))
    #expect(berlin.gaps.count == lordHowe.gaps.count)
  }

  @Test func foldsAreTheRepeatedWallClockSpans() {
    let berlin = VTimeZone(timeZone: zone("Europe/Berlin"), covering: date("2026-11-23")...date("2026-11-23"))
    let day = date("2027-10-31").dayNumber * 86400
    #expect(berlin.folds.contains((day + 7200)..<(day + 10800)))
    let lordHowe = VTimeZone(timeZone: zone("Australia/Lord_Howe"), covering: date("2026-11-23")...date("2026-11-23"))
    let april = date("2027-04-04").dayNumber * 86400
    #expect(lordHowe.folds.contains((april + 5400)..<(april + 7200)))
    #expect(berlin.folds.count == berlin.gaps.count)
  }
}
