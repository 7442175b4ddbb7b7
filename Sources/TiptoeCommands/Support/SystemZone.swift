import Foundation
import TiptoeCore

/// The system's time-zone data as glibc reads it: zone names in the forms `TZ` takes, and their
/// abbreviations.
///
/// Foundation on Linux names offsets `GMT+1` where tzdata says `CET`, and
/// reads any `GMT+0200`-like text as a zone of its own; glibc's `localtime_r`
/// gives tzdata's abbreviations (`tm_zone`) from the same TZif files that
/// `zdump` reads, so no TZif reader of our own is needed.
enum SystemZone {
  /// Where the TZif files are: `$TZDIR`, as glibc, else `/usr/share/zoneinfo`.
  static var directory: String { Environment["TZDIR"] ?? "/usr/share/zoneinfo" }

  /// What a `--tz` or `TZ` value names.
  enum Reading: Equatable {
    /// An IANA zone with a TZif file: `Europe/Paris` from `Europe/Paris`, `:Europe/Paris` or a path.
    case zone(String)
    /// An offset or POSIX rule, not a zone calendars know by name; the message says what to use.
    case notAZoneName(String)
    /// No such zone; the message may suggest one.
    case unknown(String)
  }

  /// Reads `text` as glibc reads `TZ`: a zone name (`Europe/Paris`), the same after a colon
  /// (`:Europe/Paris`, systemd units' form), or a path to a TZif file under the zone directory
  /// (`:/usr/share/zoneinfo/Europe/Paris`, `/etc/localtime`).
  static func read(_ text: String) -> Reading {
    var name = text.hasPrefix(":") ? String(text.dropFirst()) : text
    if name.hasPrefix("/"), let resolved = realpath(name, nil) {
      name = String(cString: resolved)
      free(resolved)
      var root = directory
      if let real = realpath(root, nil) {
        root = String(cString: real)
        free(real)
      }
      guard name.hasPrefix(root + "/") else {
        return .unknown("'\(text)' is not a file of the system's time-zone data (\(directory))")
      }
      name = String(name.dropFirst(root.count + 1))
      for prefix in ["posix/", "right/"] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
    }
    if isZoneName(name) { return .zone(name) }
    if let offset = offsetMessage(name) { return .notAZoneName(offset) }
    var message = "unknown time zone '\(text)'"
    if let suggestion = suggestion(for: name) { message += "; did you mean \(suggestion)?" }
    return .unknown(message + " (an IANA name, e.g. Europe/Berlin, America/New_York, UTC)")
  }

  /// The zone glibc gives a `TZ` that names none: a POSIX fixed offset (`UTC+2`, `<+02>-2`, `EST5`)
  /// as the `Etc/GMT` zone with that offset (POSIX and `Etc/GMT+2` both count hours west: UTC-02:00),
  /// an unknown name UTC, as glibc does; nil for a POSIX rule with summer time, which glibc follows
  /// and no zone name stands for.
  static func glibcFallback(for text: String) -> String? {
    let name = text.hasPrefix(":") ? String(text.dropFirst()) : text
    guard let match = name.wholeMatch(of: /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\d{1,2})$/), let hours = Int(match.2)
    else { return offsetMessage(name) == nil ? "UTC" : nil }
    let west = match.1 != "-"
    guard hours != 0 else { return "UTC" }
    guard hours <= (west ? 12 : 14) else { return "UTC" }
    return "Etc/GMT\(west ? "+" : "-")\(hours)"
  }

  /// Whether `name` is a zone of the time-zone data that Foundation knows too.
  static func isZoneName(_ name: String) -> Bool {
    guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else { return false }
    var status = stat()
    guard stat(directory + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
    return TimeZone(identifier: name) != nil
  }

  /// For a UTC offset or a POSIX TZ rule (`UTC+2`, `GMT-05:00`, `+0200`, `CET-1CEST,M3.5.0,M10.5.0/3`):
  /// why it is refused and what to write instead.
  static func offsetMessage(_ name: String) -> String? {
    let offset = /^(?:UTC|GMT|Z)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.ignoresCase()
    if let match = name.wholeMatch(of: offset) {
      let sign = match.1 == "+" ? 1 : -1
      let hours = Int(match.2)!
      let minutes = match.3.map { Int($0)! } ?? 0
      var message =
        "'\(name)' is an offset, not a time zone: calendars know zones by IANA name, and glibc reads "
        + "TZ=UTC+2 as two hours west of UTC. Use your place's zone (e.g. Europe/Berlin)"
      if minutes == 0 && hours <= 12 && hours > 0 {
        // Etc/GMT-2 is two hours east (+02:00): the POSIX sign.
        message +=
          ", or for a fixed offset Etc/GMT\(sign > 0 ? "-" : "+")\(hours) (UTC\(sign > 0 ? "+" : "-")"
          + String(format: "%02d", hours) + ":00)"
      } else if hours == 0 && minutes == 0 {
        message += ", or UTC"
      }
      return message
    }
    let posix = /^(?:[A-Za-z]{3,}|<[^>]+>)[+-]?\d{1,2}(?::\d{2}){0,2}(?:(?:[A-Za-z]{3,}|<[^>]+>).*)?$/
    if name.wholeMatch(of: posix) != nil {
      return "'\(name)' is a POSIX TZ rule, not a time zone calendars know by name; "
        + "use the IANA name of your zone (e.g. Europe/Berlin, America/New_York)"
    }
    return nil
  }

  /// The known zone closest to a mistyped `name`: the same but for case (`europe/berlin`), the same
  /// city (`Paris`, `new york`), or one within a few edits (`Europe/Berln`).
  static func suggestion(for name: String) -> String? {
    let known = TimeZone.knownTimeZoneIdentifiers.filter(isZoneName)
    let folded = name.lowercased().replacingOccurrences(of: " ", with: "_")
    if let same = known.first(where: { $0.lowercased() == folded }) { return same }
    if !folded.contains("/"), let city = known.first(where: { $0.lowercased().hasSuffix("/" + folded) }) {
      return city
    }
    return Suggestion.closest(to: name, in: known)
  }

  /// Runs `body` with tzdata's abbreviation of `identifier` at an instant (`CET`, `CEST`, `+1030`);
  /// nil when the system's data has no such zone.
  ///
  /// glibc's `localtime_r` reads the zone `TZ` names: `TZ` is set for the call and put back after.
  static func withNames<Result>(
    of identifier: String, _ body: ((@Sendable (Date) -> String?)?) throws -> Result
  ) rethrows -> Result {
    guard isZoneName(identifier) else { return try body(nil) }
    let saved = getenv("TZ").map { String(cString: $0) }
    setenv("TZ", ":" + identifier, 1)
    tzset()
    defer {
      if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
      tzset()
    }
    return try body { date in
      var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
      var fields = tm()
      guard localtime_r(&seconds, &fields) != nil, let name = fields.tm_zone else { return nil }
      return String(cString: name)
    }
  }

  /// tzdata's abbreviation of `identifier` at `date`, if the system's data has the zone.
  static func name(of identifier: String, at date: Date) -> String? {
    withNames(of: identifier) { $0?(date) }
  }
}
