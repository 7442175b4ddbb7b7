import Foundation
import Testing

@testable import TiptoeCore

struct ISO8601Tests {
  @Test func readsWhatFoundationReadsAndTheSameInstant() throws {
    for text in [
      "2026-11-23T09:10:00+01:00", "2026-11-23T08:10:00Z", "2026-03-29T01:59:59-09:30", "1999-12-31T23:59:59+14:00",
      "2024-02-29T12:00:00+05:45", "2026-11-23T10:12:00+01", "2026-11-23T10:12:00+0100",
    ] {
      let foundation = try Date(text, strategy: .iso8601)
      #expect(ISO8601.instant(text) == foundation, "\(text)")
    }
  }

  @Test func readsBackWhatItWrites() {
    for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_777_777) {
      let date = Date(timeIntervalSince1970: Double(seconds))
      for offset in [nil, 0, 3600, -34200, 37800] {
        #expect(ISO8601.instant(ISO8601.format(date, utcOffset: offset)) == date)
      }
    }
  }

  @Test func acceptsTheCommonVariants() {
    let expected = Date(timeIntervalSince1970: 1_795_421_400)  // 2026-11-23T08:10:00Z
    #expect(ISO8601.instant("2026-11-23t08:10:00z") == expected)
    #expect(ISO8601.instant("2026-11-23T09:10:00+0100") == expected)
    #expect(ISO8601.instant("2026-11-23T08:10:00.250Z") == expected + 0.25)
    #expect(ISO8601.instant("2026-11-23T09:10:00+01") == expected)
    #expect(ISO8601.instant("2026-11-23T08:10:00Z\n") == expected)
    #expect(ISO8601.instant("2026-11-23T09:10:00+01:00 ") == expected)
    #expect(ISO8601.instant("2026-11-24T02:10:00+18:00") == expected)
  }

  @Test func refusesWhatIsNotAnInstant() {
    for text in [
      "", "2026-11-23", "2026-11-23T09:10", "2026-11-23T09:10:00", "2026-02-30T09:10:00Z", "2026-11-23T24:00:00Z",
      "2026-11-23T09:10:60Z", "2026-11-23T09:10:00+1:00", "2026-11-23T09:10:00+01:00x", "2026-11-23T09:10:00.Z",
      "2026-11-23T09:10:00+25:00", "2026-11-23T09:10:00+18:01", "2026-11-23T09:10:00+01:0", "2026-11-23T09:10:00+01:",
      "2026-11-23T09:10:00+010", "２０２６-11-23T09:10:00Z", "tomorrow",
    ] {
      #expect(ISO8601.instant(text) == nil, "\(text)")
    }
  }
}
