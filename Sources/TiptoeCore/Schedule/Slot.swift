import Foundation

/// One planned occurrence of an exercise: a concrete instant on a local date.
public struct Slot: Hashable, Sendable, Identifiable {
  /// The exercise's id.
  public let exercise: String
  /// The exercise's position in the routine's list (0 for slots made by hand).
  public let exerciseIndex: Int
  /// The local date the slot belongs to.
  public let date: LocalDate
  /// 1-based position among this exercise's slots on `date`.
  public let ordinal: Int
  /// The planned wall-clock time (before any DST gap adjustment).
  public let time: LocalTime
  /// Whether it happens on the morning after `date` (a waking window that crosses midnight).
  public let nextDay: Bool
  /// The instant the slot starts.
  public let start: Date
  /// The zone's offset from UTC at `start`, in seconds.
  public let utcOffset: Int

  public init(
    exercise: String, exerciseIndex: Int = 0, date: LocalDate, ordinal: Int, time: LocalTime, nextDay: Bool = false,
    start: Date, utcOffset: Int
  ) {
    self.exercise = exercise
    self.exerciseIndex = exerciseIndex
    self.date = date
    self.ordinal = ordinal
    self.time = time
    self.nextDay = nextDay
    self.start = start
    self.utcOffset = utcOffset
  }

  /// `EXERCISE/LOCAL-DATE/ORDINAL`, e.g. `toe-presses/2026-11-23/1`.
  public var id: String { "\(exercise)/\(date)/\(ordinal)" }

  /// The local date inside a slot id, `toe-presses/2026-11-23/1` → 2026-11-23.
  public static func date(ofID id: String) -> LocalDate? { parts(ofID: id)?.date }

  /// The parts of a slot id, `toe-presses/2026-11-23/1` → ("toe-presses", 2026-11-23, 1); nil when
  /// `id` is not one.
  public static func parts(ofID id: String) -> (exercise: String, date: LocalDate, ordinal: Int)? {
    // On the bytes in place: it runs for every slot record of every history read.
    var id = id
    return id.withUTF8 { bytes in
      // The exercise (no slash), the date and an ordinal of one to six digits, slashes between.
      var reader = ByteReader(bytes: bytes)
      while !reader.atEnd && !reader.skip("/") { reader.position += 1 }
      let exercise = reader.position - 1
      guard exercise > 0, let date = reader.date(), reader.skip("/"), !reader.atEnd else { return nil }
      var ordinal = 0
      for _ in 0..<6 {
        guard let digit = reader.digit() else { break }
        ordinal = ordinal * 10 + digit
      }
      guard reader.atEnd else { return nil }
      return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<exercise]), as: UTF8.self), date, ordinal)
    }
  }

  /// The start in ISO 8601 with the local offset: `2026-11-23T09:10:00+01:00`.
  public var isoStart: String { ISO8601.format(start, utcOffset: utcOffset) }
}

/// What has become of a slot, derived from the history.
public enum SlotStatus: String, Hashable, Sendable, Codable, CaseIterable {
  /// Not yet due.
  case pending
  /// Its time has come and nothing was done about it yet.
  case due
  case done
  case skipped
  /// Put off until a later time.
  case snoozed
  /// Its time has passed without it being done or skipped.
  case missed
  /// Optional: its week already has its exercise's weekly goal (no reminder, never missed).
  case goalMet = "goal-met"

  /// Whether the slot needs nothing more from the user.
  public var isSettled: Bool { self == .done || self == .skipped || self == .missed || self == .goalMet }
}
