import Foundation
import TiptoeCore

/// How instants are stored: UTC, whole seconds, fixed width, `2026-11-23T08:10:00Z`.
///
/// Fixed width keeps text order equal to time order, so ranges are plain `>=`/`<` on an index.
enum UTCText {
  static func format(_ date: Date) -> String { ISO8601.format(date, utcOffset: nil) }

  /// Reads exactly the format `format` writes; nil for anything else.
  static func parse(_ text: String) -> Date? { ISO8601.instant(text, strict: true) }
}
