import Foundation
import TiptoeCore

/// Builds a routine from TOML text in tests; fails the test on a load error.
func routine(_ text: String) throws -> Routine {
  try RoutineLoader.load(text, file: "test.toml")
}

func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }

func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// The instant of an ISO 8601 string with offset, e.g. `2026-03-29T01:30:00Z`.
func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

/// The wall-clock fields of `date` in `zone`, by Foundation's own calendar: an oracle independent of ZoneResolver.
func wallClock(_ date: Date, in zone: TimeZone) -> DateComponents {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = zone
  return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
}
