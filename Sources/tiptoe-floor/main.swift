// The floor under tiptoe's cold commands, for `make bench` (never a test): the libraries tiptoe is
// built on (Foundation, GRDB, ArgumentParser), linked the same way (`-static-executable`), doing
// the least that a command does with them, and none of tiptoe's own work.
//
//   tiptoe-floor             like bare `tiptoe`: the zone and its calendar, the history's events of
//                            the last five weeks (GRDB, WAL, as tiptoe opens it), a line printed
//   tiptoe-floor done NAME   like `tiptoe done`: ArgumentParser reads the line, one event appended
//
// It reads and writes the history at $XDG_STATE_HOME/tiptoe/tiptoe.sqlite.
import ArgumentParser
import Foundation
import GRDB

/// Opens the history as tiptoe does: WAL (the file's own mode), `synchronous = NORMAL`.
func history() throws -> DatabaseQueue {
  let state = ProcessInfo.processInfo.environment["XDG_STATE_HOME"] ?? NSHomeDirectory() + "/.local/state"
  var configuration = Configuration()
  configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
  return try DatabaseQueue(path: state + "/tiptoe/tiptoe.sqlite", configuration: configuration)
}

/// Midnight five weeks ago in the local zone, as the history writes instants (UTC, to the second).
func fiveWeeksAgo() -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone.current
  return utc(calendar.date(byAdding: .day, value: -35, to: calendar.startOfDay(for: Date()))!)
}

/// `date` as `2026-11-23T09:12:00Z`, through the C library (Foundation's formatters load ICU's).
func utc(_ date: Date) -> String {
  var seconds = time_t(date.timeIntervalSince1970)
  var fields = tm()
  gmtime_r(&seconds, &fields)
  var text = [CChar](repeating: 0, count: 32)
  strftime(&text, text.count, "%Y-%m-%dT%H:%M:%SZ", &fields)
  return String(cString: text)
}

struct Floor: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "tiptoe-floor", subcommands: [Done.self])

  struct Done: ParsableCommand {
    @Argument(help: "An exercise.") var exercise: String
    @Option(help: "When (HH:MM).") var at: String?
    @Option(help: "A routine file.") var routine: [String] = []
    @Option(help: "A zone.") var tz: String?

    func run() throws {
      let now = utc(Date())
      try history().write { db in
        try db.execute(
          sql: "INSERT INTO event (batch, kind, slot, exercise, at, slotStart) VALUES (0, 'done', ?, ?, ?, ?)",
          arguments: [exercise + "/floor/1", exercise, now, now])
      }
      print("\(exercise) done at \(now)")
    }
  }
}

if CommandLine.arguments.count == 1 {
  let since = fiveWeeksAgo()
  let rows = try history().read { db in
    try Row.fetchAll(
      db, sql: "SELECT id, kind, slot, at FROM event WHERE slotStart >= ? ORDER BY id", arguments: [since])
  }
  print("\(rows.count) events since \(since) (\(TimeZone.current.identifier))")
} else {
  Floor.main()
}
