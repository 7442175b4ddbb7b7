import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe log [--since DATE] [--json | --csv]`: the history.
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "Show the history: what was done, skipped, snoozed, missed, undone.",
      discussion: """
        Oldest first, by when it happened. --json and --csv are stable formats, described in the \
        README; CSV opens in a spreadsheet.
        Examples: tiptoe log --since 2026-11-01 · tiptoe log --csv > history.csv
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only events from this local date on, YYYY-MM-DD, e.g. 2026-11-01.", valueName: "date"))
    var since: String?

    @Flag(help: "Print JSON instead of text for people (the fields are in the README).")
    var json = false

    @Flag(help: "Print CSV (RFC 4180, with a header line).")
    var csv = false

    func validate() throws {
      if json && csv { throw ValidationError("--json and --csv: choose one (example: tiptoe log --csv)") }
    }

    func run() throws {
      let context = try global.historyContext()
      let start = try since.map { try HistoryTime.day($0, option: "--since", context: context) }
      let events = try context.history.ifPresent { try $0.events(since: start) }
      let log = HistoryLog(context: context, events: events ?? [])
      var out = StandardOutput()
      if json {
        log.json(to: out)
      } else if csv {
        log.csv(to: &out)
      } else {
        log.text(since: since, to: &out)
      }
    }
  }
}
