import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe plan`: the slots of a range of days.
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show the planned slots of one or more days.",
      discussion: "Example: tiptoe plan --from 2026-11-23 --days 7 --json")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("First day, YYYY-MM-DD, e.g. 2026-11-23 (default: today).", valueName: "date"))
    var from: LocalDate?

    @Option(help: ArgumentHelp("How many days (1 to 3660).", valueName: "n"))
    var days = 1

    func validate() throws {
      guard (1...3660).contains(days) else {
        throw ValidationError("--days must be from 1 to 3660 (example: --days 7), not \(days)")
      }
    }

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: from ?? context.today, days: days)
    }
  }

  /// `tiptoe today`: today's slots.
  struct Today: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show today's slots.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: context.today, days: 1)
    }
  }

  /// `tiptoe week`: the slots of the seven days from today.
  struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the slots of the next seven days, from today.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try global.context()
      try PlanView(context: context, json: output.json).print(from: context.today, days: 7)
    }
  }
}

/// What plan, today and week share: expand, then print as text or JSON.
struct PlanView {
  let context: Context
  let json: Bool

  func print(from: LocalDate, days: Int) throws {
    let planner = context.planner
    let status = try HistoryAccess.statusFunction(context, from: from, days: days)
    let printer = PlanPrinter(context: context, status: status)
    var out = StandardOutput()
    if json {
      printer.json(planner.slots(from: from, days: days), to: out)
      return
    }
    var printed = false
    for date in (0..<days).map(from.adding(days:)) {
      let slots = planner.slots(on: date)
      guard !slots.isEmpty else { continue }
      if printed { out.write("\n") }
      printer.day(date, slots, to: &out)
      printed = true
    }
    if !printed { out.write("Nothing planned.\n") }
  }
}
