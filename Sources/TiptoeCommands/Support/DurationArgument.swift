import ArgumentParser
import TiptoeCore

/// A duration argument (`45s`, `10m`, `1h30m`), read by `DurationParser`.
enum DurationArgument {
  /// `text` in seconds; a `ValidationError` names `argument` and shows `examples` when it is not a
  /// duration, and says the range when it is one out of range (zero, or over 366 days).
  static func seconds(_ text: String, argument: String, examples: String) throws -> Int {
    do {
      return try DurationParser.seconds(text)
    } catch CoreError.durationOutOfRange {
      throw ValidationError("\(argument): '\(text)' is not a duration from 1s to 366 days (examples: \(examples))")
    } catch {
      throw ValidationError("\(argument): '\(text)' is not a duration (examples: \(examples))")
    }
  }
}
