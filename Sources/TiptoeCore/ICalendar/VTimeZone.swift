import Foundation

/// A zone's offsets over a span of years, as the observances of a VTIMEZONE (RFC 5545 §3.6.5).
///
/// Built from the system's time-zone database through `TimeZone`: the
/// transitions in the span are grouped by kind and offsets, and each run of
/// yearly transitions that follows one rule (`BYMONTH=3;BYDAY=-1SU`) becomes
/// one observance with an RRULE, open-ended when the rule still holds at the
/// end of the span. Transitions that follow no rule are listed as RDATEs. A
/// zone without transitions gets a single STANDARD observance.
///
///     let zone = VTimeZone(timeZone: TimeZone(identifier: "Europe/Berlin")!,
///                          covering: LocalDate(iso: "2026-11-23")!...LocalDate(iso: "2027-12-27")!)
///     zone.write(to: &lines)  // BEGIN:VTIMEZONE … END:VTIMEZONE
public struct VTimeZone: Sendable {
  /// One STANDARD or DAYLIGHT sub-component.
  public struct Observance: Hashable, Sendable {
    public enum Kind: String, Sendable {
      case standard = "STANDARD"
      case daylight = "DAYLIGHT"
    }

    public let kind: Kind
    /// The first onset, on the wall clock before it (in `offsetFrom`), as seconds since 1970-01-01T00:00.
    public let start: Int
    public let offsetFrom: Int
    public let offsetTo: Int
    public let name: String?
    /// The yearly rule of the onsets after `start`, if any.
    public let rule: YearlyRule?
    /// The rule's last onset (inclusive); nil when the rule goes on.
    public let until: Date?
    /// Further onsets that follow no rule, on the wall clock like `start`.
    public let dates: [Int]
  }

  /// The TZID: the zone's identifier.
  public let identifier: String
  /// Sorted by first onset.
  public let observances: [Observance]
  /// The wall-clock spans that do not exist (spring forward) in the years read, as seconds since
  /// 1970-01-01T00:00 on the wall clock: `02:00..<03:00` on the day of each change.
  public let gaps: [Range<Int>]
  /// The wall-clock spans that occur twice (fall back) in the years read, in the same form:
  /// `02:00..<03:00` on Berlin's October change day, `01:30..<02:00` on Lord Howe's April one.
  public let folds: [Range<Int>]

  /// The observances that give `timeZone`'s offsets from the start of `dates` to its end and beyond.
  ///
  /// Transitions are read from a year before the first date to at least two
  /// years after the last (and five after the first), so that yearly rules can
  /// be recognised and the last ones left open-ended. `names` gives the TZNAME
  /// of the offset in force at an instant (`CET`, `CEST`); by default Foundation's
  /// abbreviation, which on Linux is a GMT offset (`GMT+1`), so the command
  /// line passes the names of the system's time-zone data.
  public init(
    timeZone: TimeZone, covering dates: ClosedRange<LocalDate>, names: ((Date) -> String?)? = nil
  ) {
    let names = names ?? { timeZone.abbreviation(for: $0) }
    identifier = timeZone.identifier
    let firstYear = dates.lowerBound.fields.year
    let lastYear = max(dates.upperBound.fields.year, firstYear + 4) + 2
    let windowStart = LocalDate(year: firstYear - 1, month: 1, day: 1)!.dayNumber * 86400
    let windowEnd = LocalDate(year: lastYear, month: 1, day: 1)!.dayNumber * 86400
    let transitions = Self.transitions(of: timeZone, from: windowStart, to: windowEnd, names: names)
    gaps = transitions.filter { $0.offsetTo > $0.offsetFrom }.map {
      $0.local..<($0.local + $0.offsetTo - $0.offsetFrom)
    }
    folds = transitions.filter { $0.offsetTo < $0.offsetFrom }.map {
      ($0.instant + $0.offsetTo)..<$0.local
    }
    var observances: [Observance] = []
    // The offset in force before the first transition, when the dates need it.
    let needed = dates.lowerBound.dayNumber * 86400 - 14 * 3600
    if transitions.first.map({ $0.instant > needed }) ?? true {
      let instant = Date(timeIntervalSince1970: Double(transitions.first.map { min($0.instant - 1, needed) } ?? needed))
      let offset = timeZone.secondsFromGMT(for: instant)
      observances.append(
        Observance(
          kind: timeZone.isDaylightSavingTime(for: instant) ? .daylight : .standard,
          start: min(0, windowStart + offset),  // 1970, or the window's start when that is earlier
          offsetFrom: offset, offsetTo: offset, name: names(instant), rule: nil,
          until: nil, dates: []))
    }
    let groups = Dictionary(grouping: transitions, by: \.key)
    for key in groups.keys {
      observances += Self.observances(of: groups[key]!, windowEnd: windowEnd)
    }
    self.observances = observances.sorted { $0.start < $1.start }
  }

  /// Writes `BEGIN:VTIMEZONE` … `END:VTIMEZONE`.
  public func write(to lines: inout ContentLines) {
    lines.line("BEGIN", "VTIMEZONE")
    lines.line("TZID", text: identifier)
    // libical clients (Evolution, GNOME Calendar) map the zone to their own copy by this.
    lines.line("X-LIC-LOCATION", text: identifier)
    for observance in observances {
      lines.line("BEGIN", observance.kind.rawValue)
      lines.name("DTSTART")
      lines.beginValue()
      lines.localDateTime(localSeconds: observance.start)
      lines.end()
      for (label, offset) in [("TZOFFSETFROM", observance.offsetFrom), ("TZOFFSETTO", observance.offsetTo)] {
        lines.name(label)
        lines.beginValue()
        lines.utcOffset(offset)
        lines.end()
      }
      if let name = observance.name, !name.isEmpty { lines.line("TZNAME", text: name) }
      if let rule = observance.rule {
        lines.name("RRULE")
        lines.beginValue()
        lines.raw(rule.description)
        if let until = observance.until {
          lines.raw(";UNTIL=")
          lines.utcDateTime(until)
        }
        lines.end()
      }
      for date in observance.dates {
        lines.name("RDATE")
        lines.beginValue()
        lines.localDateTime(localSeconds: date)
        lines.end()
      }
      lines.line("END", observance.kind.rawValue)
    }
    lines.line("END", "VTIMEZONE")
  }

  // MARK: - Finding the rules

  struct Transition {
    /// The instant of the change, seconds since 1970 UTC.
    let instant: Int
    let offsetFrom: Int
    let offsetTo: Int
    let daylight: Bool
    let name: String?

    /// The onset on the wall clock before it.
    var local: Int { instant + offsetFrom }
    var date: LocalDate { LocalDate(dayNumber: local >= 0 ? local / 86400 : (local - 86399) / 86400) }
    var secondsOfDay: Int { local - date.dayNumber * 86400 }
    var key: Key { Key(daylight: daylight, offsetFrom: offsetFrom, offsetTo: offsetTo) }
  }

  struct Key: Hashable {
    let daylight: Bool
    let offsetFrom: Int
    let offsetTo: Int
  }

  /// Every change of offset in [start, end), from `nextDaylightSavingTimeTransition(after:)`.
  static func transitions(
    of zone: TimeZone, from start: Int, to end: Int, names: (Date) -> String?
  ) -> [Transition] {
    var result: [Transition] = []
    var cursor = Date(timeIntervalSince1970: Double(start))
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
      let instant = Int(next.timeIntervalSince1970.rounded(.down))
      guard instant < end else { break }
      cursor = Date(timeIntervalSince1970: Double(max(instant, Int(cursor.timeIntervalSince1970) + 1)))
      let at = Date(timeIntervalSince1970: Double(instant))
      let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant - 1)))
      let after = zone.secondsFromGMT(for: at)
      // A change of name or of the DST flag alone moves no clock.
      guard before != after else { continue }
      result.append(
        Transition(
          instant: instant, offsetFrom: before, offsetTo: after, daylight: zone.isDaylightSavingTime(for: at),
          name: names(at)))
    }
    return result
  }

  /// The observances of one group of transitions (same kind and offsets), in time order.
  static func observances(of group: [Transition], windowEnd: Int) -> [Observance] {
    var result: [Observance] = []
    var loose: [Transition] = []
    var index = 0
    while index < group.count {
      // The longest run from `index` that follows one yearly rule.
      var end = index + 1
      var rule: YearlyRule?
      while end < group.count, group[end].secondsOfDay == group[index].secondsOfDay,
        let extended = YearlyRule.inferred(from: group[index...end].map(\.date))
      {
        rule = extended
        end += 1
      }
      guard let rule else {
        loose.append(group[index])
        index += 1
        continue
      }
      let first = group[index]
      let last = group[end - 1]
      // Open-ended when the rule's next onset lies past the window, where it could not be checked.
      let nextYear = last.date.fields.year + 1
      let nextOnset = rule.date(in: nextYear).map { $0.dayNumber * 86400 + last.secondsOfDay - last.offsetFrom }
      let goesOn = end == group.count && (nextOnset ?? Int.min) >= windowEnd
      result.append(
        Observance(
          kind: first.daylight ? .daylight : .standard, start: first.local, offsetFrom: first.offsetFrom,
          offsetTo: first.offsetTo, name: first.name, rule: rule,
          until: goesOn ? nil : Date(timeIntervalSince1970: Double(last.instant)), dates: []))
      index = end
    }
    if let first = loose.first {
      result.append(
        Observance(
          kind: first.daylight ? .daylight : .standard, start: first.local, offsetFrom: first.offsetFrom,
          offsetTo: first.offsetTo, name: first.name, rule: nil, until: nil, dates: loose.dropFirst().map(\.local)))
    }
    return result
  }
}
