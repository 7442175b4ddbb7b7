import Foundation

/// Writes a routine's plan as an iCalendar file (RFC 5545) that calendars import and keep in step.
///
/// `.series` writes one recurring VEVENT per exercise and time of day: daily
/// times `RRULE:FREQ=DAILY`, weekly ones `FREQ=WEEKLY;BYDAY=MO,WE,FR`, every
/// other day `FREQ=DAILY;INTERVAL=2` on even day numbers (every n days
/// `INTERVAL=n`), every n weeks `FREQ=WEEKLY;INTERVAL=n;BYDAY=MO`, days of the
/// month `FREQ=MONTHLY;BYMONTHDAY=1,15` or `BYDAY=1MO`, each starting on the
/// first planned date on or after `from`. `.instances(days:)` writes each slot
/// as its own VEVENT instead. Every start is `DTSTART;TZID=<zone>` with a
/// VTIMEZONE for the zone, so calendars expand the same instants as the
/// `Planner`, across DST changes (RFC 5545's gap and fold rules). Where a
/// series' wall time does not exist (spring forward) or occurs twice (fall
/// back), which clients read in different ways, that day is excluded and
/// written as its own event.
///
/// UIDs depend on the exercise and the slot only: `toe-presses.1@tiptoe` for
/// the first daily time of `toe-presses`, `toe-presses.2026-11-23.1@tiptoe`
/// for one slot. Exporting again, from any date, gives the same UIDs, so a
/// re-import updates the events instead of adding copies.
///
///     let exporter = ICalendarExporter(planner: planner, stamp: now)
///     var text = ""
///     exporter.write(.series, from: today, to: &text)
public struct ICalendarExporter: Sendable {
  /// What the events are.
  public enum Events: Hashable, Sendable {
    /// One recurring event per exercise and time of day.
    case series
    /// One event per slot, for `days` days.
    case instances(days: Int)
  }

  public let planner: Planner
  /// DTSTAMP: when the file was made (UTC). The exporter never reads the clock.
  public let stamp: Date
  /// Whether events carry a VALARM (a display alarm at the start).
  public var alarms: Bool
  /// SEQUENCE of every event; by default `ICalendarExporter.sequence(for: stamp)`.
  public var sequence: Int
  /// PRODID.
  public var productID = "-//tiptoe//tiptoe export//EN"
  /// How often subscribed calendars should fetch the file again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
  public var refreshInterval = 86400
  /// The VTIMEZONE's TZNAME for the offset in force at an instant (`CET`, `CEST`), from the system's
  /// time-zone data; nil for Foundation's abbreviations (`GMT+1` on Linux).
  public var zoneNames: (@Sendable (Date) -> String?)?

  public init(planner: Planner, stamp: Date, alarms: Bool = true) {
    self.planner = planner
    self.stamp = stamp
    self.alarms = alarms
    self.sequence = Self.sequence(for: stamp)
  }

  /// The SEQUENCE for an export made at `stamp`: whole minutes since 2026-01-01T00:00Z.
  ///
  /// It only grows, so each new export outranks the events of every earlier
  /// one: calendars that apply an update only when SEQUENCE rises take the
  /// newer file, and an older file never overrides a newer one.
  /// Clamped to 0 … 2^31-1, the range of an iCalendar INTEGER.
  public static func sequence(for stamp: Date) -> Int {
    let minutes = (stamp.timeIntervalSince1970 - 1_767_225_600) / 60
    return Int(min(max(minutes.rounded(.down), 0), Double(Int32.max)))
  }

  /// Writes the whole calendar to `output`.
  public func write(_ events: Events, from: LocalDate, to output: inout some TextOutputStream) {
    var writer = ContentLineWriter(to: output)
    write(events, from: from, writer: &writer)
    writer.flush()
    output = writer.output
  }

  func write<Output>(_ events: Events, from: LocalDate, writer: inout ContentLineWriter<Output>) {
    let zone = planner.timeZone.identifier
    writer.lines.line("BEGIN", "VCALENDAR")
    writer.lines.line("VERSION", "2.0")
    writer.lines.line("PRODID", text: productID)
    writer.lines.line("CALSCALE", "GREGORIAN")
    writer.lines.line("NAME", text: planner.routine.name)
    writer.lines.line("X-WR-CALNAME", text: planner.routine.name)
    writer.lines.line("X-WR-TIMEZONE", text: zone)
    for name in ["REFRESH-INTERVAL", "X-PUBLISHED-TTL"] {
      writer.lines.name(name)
      if name == "REFRESH-INTERVAL" { writer.lines.parameter("VALUE", "DURATION") }
      writer.lines.beginValue()
      writer.lines.duration(seconds: refreshInterval)
      writer.lines.end()
    }
    // Routines in different zones (`tiptoe sync`'s one calendar): each zone's routines with its own
    // VTIMEZONE (TZNAMEs from `zoneNames` for the plan's zone only).
    for exporter in zoneGroups() {
      let names = exporter.planner.timeZone.identifier == planner.timeZone.identifier ? zoneNames : nil
      exporter.writeEvents(events, from: from, zoneNames: names, writer: &writer)
    }
    writer.lines.line("END", "VCALENDAR")
  }

  /// One exporter per zone the routines are planned in, the plan's first: this one when all share it.
  private func zoneGroups() -> [ICalendarExporter] {
    guard planner.zonesDiffer else { return [self] }
    var groups: [(zone: TimeZone, parts: [Routine])] = [(planner.timeZone, [])]
    var first = 0
    for part in planner.routine.parts {
      let zone = planner.resolver(ofExercise: first).timeZone
      first += part.exercises.count
      if let index = groups.firstIndex(where: { $0.zone.identifier == zone.identifier }) {
        groups[index].parts.append(part)
      } else {
        groups.append((zone, [part]))
      }
    }
    return groups.filter { !$0.parts.isEmpty }.map { group in
      let routine = group.parts.count == 1 ? group.parts[0] : Routine(combining: group.parts)
      var exporter = ICalendarExporter(planner: Planner(routine: routine, timeZone: group.zone), stamp: stamp)
      (exporter.alarms, exporter.sequence, exporter.productID) = (alarms, sequence, productID)
      return exporter
    }
  }

  /// The VTIMEZONE and the events of this exporter's planner, all in its zone.
  private func writeEvents<Output>(
    _ events: Events, from: LocalDate, zoneNames: (@Sendable (Date) -> String?)?,
    writer: inout ContentLineWriter<Output>
  ) {
    let blocks = planner.routine.exercises.map { block(for: $0) }
    switch events {
    case .series:
      let zone = VTimeZone(timeZone: planner.timeZone, covering: from...from, names: zoneNames)
      zone.write(to: &writer.lines)
      writeSeries(from: from, zone: zone, blocks: blocks, writer: &writer)
    case .instances(let days):
      let zone = VTimeZone(
        timeZone: planner.timeZone, covering: from...from.adding(days: max(days, 1)), names: zoneNames)
      zone.write(to: &writer.lines)
      writeInstances(from: from, days: days, folds: zone.folds, blocks: blocks, writer: &writer)
    }
  }

  /// One VEVENT per exercise and time of day, with an RRULE.
  ///
  /// Clients disagree about a repeated wall time that does not exist (spring
  /// forward): RFC 5545 drops it (§3.3.10) or moves it forward (§3.3.5), and
  /// libical 3.0 moves it forward but keeps the moved time for the next
  /// occurrence too. They also disagree about one that occurs twice (fall
  /// back): RFC 5545 and most clients take the first, khal the second. So on
  /// each such day in the years the VTIMEZONE covers (and on the occurrence
  /// after a gap day), the series has an EXDATE, and the slot is a separate
  /// event at the instant it really starts (UID of the slot, as `--expand`
  /// writes it). Those days' EXDATEs also name the moved wall time, which is
  /// where libical puts them.
  private func writeSeries<Output>(
    from: LocalDate, zone vtimezone: VTimeZone, blocks: [ContentLines], writer: inout ContentLineWriter<Output>
  ) {
    let zone = planner.timeZone.identifier
    for (index, pattern) in planner.patterns.enumerated() {
      let exercise = planner.routine.exercises[index]
      for series in CalendarSeries.all(of: pattern) {
        // `from` is a slot date; a series on the next morning starts a calendar day later.
        let after = from.adding(days: series.time.nextDay ? 1 : 0)
        guard let rule = series.rule, let first = series.firstDate(onOrAfter: after) else { continue }
        let time = series.time.time
        // The days to pin, with how far libical moves the time on each (0: it does not).
        var moved: [LocalDate: Int] = [:]
        for gap in vtimezone.gaps {
          for day in Self.days(of: time, in: [gap]) where day >= first && series.occurs(on: day) {
            moved[day] = gap.count
            if let next = series.firstDate(onOrAfter: day.adding(days: 1)) { moved[next] = gap.count }
          }
        }
        for day in Self.days(of: time, in: vtimezone.folds) where day >= first && series.occurs(on: day) {
          moved[day] = moved[day] ?? 0
        }
        let pinnedDays = moved.keys.sorted()
        // DTSTART on a day the time exists once, so every client agrees on it and on the duration.
        var date = first
        while pinnedDays.contains(date), let next = series.firstDate(onOrAfter: date.adding(days: 1)) { date = next }
        let start = planner.resolver.resolve(date, time)
        writer.lines.line("BEGIN", "VEVENT")
        writer.lines.name("UID")
        writer.lines.beginValue()
        writer.lines.text(exercise.id)
        writer.lines.ascii(0x2E)  // .
        writer.lines.raw(series.key)
        writer.lines.raw("@tiptoe")
        writer.lines.end()
        dateTime("DTSTART", zone: zone, date: date, time: time, lines: &writer.lines)
        end(
          start: start.start, wallStart: date.dayNumber * 86400 + time.secondsOfDay, minutes: exercise.minutes,
          zone: zone, folds: vtimezone.folds, lines: &writer.lines)
        writer.lines.line("RRULE", rule)
        for day in pinnedDays where day > date {
          dateTime("EXDATE", zone: zone, date: day, time: time, lines: &writer.lines)
          if let shift = moved[day], shift > 0 {
            let wall = day.dayNumber * 86400 + time.secondsOfDay + shift
            let movedDay = LocalDate(dayNumber: wall >= 0 ? wall / 86400 : (wall - 86399) / 86400)
            let movedTime = LocalTime(secondsOfDay: wall - movedDay.dayNumber * 86400)
            dateTime("EXDATE", zone: zone, date: movedDay, time: movedTime, lines: &writer.lines)
          }
        }
        writer.lines.append(lines: blocks[index])
        writer.lineEnded()
        for day in pinnedDays {
          let (instant, offset) = planner.resolver.resolve(day, time)
          let slot = Slot(
            exercise: exercise.id, date: series.slotDate(day), ordinal: series.ordinal, time: time,
            nextDay: series.time.nextDay, start: instant, utcOffset: offset)
          writeInstance(slot, exercise: exercise, folds: vtimezone.folds, block: blocks[index], writer: &writer)
        }
      }
    }
  }

  /// The dates on which `time` falls in one of `gaps` (or folds: any wall-clock spans).
  static func days(of time: LocalTime, in gaps: [Range<Int>]) -> [LocalDate] {
    var days: [LocalDate] = []
    for gap in gaps {
      let firstDay = gap.lowerBound >= 0 ? gap.lowerBound / 86400 : (gap.lowerBound - 86399) / 86400
      // A gap may cross midnight.
      for day in firstDay...(firstDay + 1) where gap.contains(day * 86400 + time.secondsOfDay) {
        days.append(LocalDate(dayNumber: day))
      }
    }
    return days.sorted()
  }

  /// One VEVENT per slot, without rules.
  private func writeInstances<Output>(
    from: LocalDate, days: Int, folds: [Range<Int>], blocks: [ContentLines], writer: inout ContentLineWriter<Output>
  ) {
    var indices: [String: Int] = [:]
    for (index, exercise) in planner.routine.exercises.enumerated() { indices[exercise.id] = index }
    for slot in planner.slots(from: from, days: days) {
      let index = indices[slot.exercise]!
      writeInstance(
        slot, exercise: planner.routine.exercises[index], folds: folds, block: blocks[index], writer: &writer)
    }
  }

  /// The VEVENT of one slot: UID from the slot id, DTSTART the wall time it really starts at, or
  /// the instant in UTC when that wall time occurs twice (a fall-back fold), which no client reads two ways.
  private func writeInstance<Output>(
    _ slot: Slot, exercise: Exercise, folds: [Range<Int>], block: ContentLines,
    writer: inout ContentLineWriter<Output>
  ) {
    let zone = planner.timeZone.identifier
    writer.lines.line("BEGIN", "VEVENT")
    writer.lines.name("UID")
    writer.lines.beginValue()
    writer.lines.text(slot.exercise)
    writer.lines.ascii(0x2E)  // .
    let (year, month, day) = slot.date.fields
    writer.lines.digits(year, width: 4)
    writer.lines.ascii(0x2D)  // -
    writer.lines.digits(month, width: 2)
    writer.lines.ascii(0x2D)
    writer.lines.digits(day, width: 2)
    writer.lines.ascii(0x2E)
    writer.lines.digits(slot.ordinal)
    writer.lines.raw("@tiptoe")
    writer.lines.end()
    // After a gap this is the later wall time, so no client has to apply a gap rule.
    let (date, time) = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset)
    let wallStart = date.dayNumber * 86400 + time.secondsOfDay
    if folds.contains(where: { $0.contains(wallStart) }) {
      writer.lines.name("DTSTART")
      writer.lines.beginValue()
      writer.lines.utcDateTime(slot.start)
      writer.lines.end()
      // Not a UTC DTEND: recurring-ical-events swaps start and end when the end's wall time is earlier.
      writer.lines.name("DURATION")
      writer.lines.beginValue()
      writer.lines.duration(seconds: exercise.minutes * 60)
      writer.lines.end()
    } else {
      dateTime("DTSTART", zone: zone, date: date, time: time, lines: &writer.lines)
      end(
        start: slot.start, wallStart: wallStart, minutes: exercise.minutes, zone: zone, folds: folds,
        lines: &writer.lines)
    }
    writer.lines.append(lines: block)
    writer.lineEnded()
  }

  /// `NAME;TZID=zone:YYYYMMDDTHHMMSS`.
  private func dateTime(_ name: String, zone: String, date: LocalDate, time: LocalTime, lines: inout ContentLines) {
    lines.name(name)
    lines.parameter("TZID", zone)
    lines.beginValue()
    lines.localDateTime(date, time)
    lines.end()
  }

  /// DTEND: the wall time `minutes` after the start; DURATION when a change of offset falls in between,
  /// or when that wall time occurs twice.
  ///
  /// Clients take the length of every occurrence from the first one, some as
  /// the exact time between DTSTART and DTEND, some as the wall-clock
  /// difference; the two differ only when the first occurrence spans a change.
  private func end(
    start: Date, wallStart: Int, minutes: Int, zone: String, folds: [Range<Int>], lines: inout ContentLines
  ) {
    let end = start.addingTimeInterval(Double(minutes * 60))
    let offset = planner.timeZone.secondsFromGMT(for: end)
    let (date, time) = ISO8601.localDateTime(end, utcOffset: offset)
    let wallEnd = date.dayNumber * 86400 + time.secondsOfDay
    if wallEnd - wallStart == minutes * 60 && !folds.contains(where: { $0.contains(wallEnd) }) {
      dateTime("DTEND", zone: zone, date: date, time: time, lines: &lines)
    } else {
      lines.name("DURATION")
      lines.beginValue()
      lines.duration(seconds: minutes * 60)
      lines.end()
    }
  }

  /// The lines every event of `exercise` shares, from DTSTAMP to `END:VEVENT`.
  private func block(for exercise: Exercise) -> ContentLines {
    var lines = ContentLines(capacity: 1024)
    lines.name("DTSTAMP")
    lines.beginValue()
    lines.utcDateTime(stamp)
    lines.end()
    lines.name("SEQUENCE")
    lines.beginValue()
    lines.digits(sequence)
    lines.end()
    lines.line("SUMMARY", text: exercise.title)
    lines.line("DESCRIPTION", text: exercise.calendarDescription)
    lines.line("CATEGORIES", "Exercise,tiptoe")
    // A two-minute exercise should not show you as busy.
    lines.line("TRANSP", "TRANSPARENT")
    if alarms {
      lines.line("BEGIN", "VALARM")
      lines.line("ACTION", "DISPLAY")
      lines.line("TRIGGER", "PT0S")
      lines.line("DESCRIPTION", text: exercise.title)
      lines.line("END", "VALARM")
    }
    lines.line("END", "VEVENT")
    return lines
  }
}
