import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// Bare `tiptoe`: today's plan, what is due, and the next reminder, at a glance.
  struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "overview", abstract: "Today's plan, what is due and the next reminder (the default command).")

    @OptionGroup var global: GlobalOptions

    func run() throws { try Self.show(global.context()) }

    /// Prints the overview; bare `tiptoe` calls it directly, without building the parser.
    static func show(_ context: Context) throws {
      let slots = context.planner.slots(on: context.today)
      let statuses = try HistoryAccess.statuses(context, from: context.today, days: 8)
      let printer = PlanPrinter(context: context, status: { statuses.status(of: $0, now: context.now) })
      var out = StandardOutput()
      out.write(
        Terminal.styled(context.routine.name, .bold) + " · " + DateText.heading(context.today) + " · "
          + context.zoneLabel + "\n\n")
      if slots.isEmpty { out.write("Nothing planned today.\n") }
      printer.lines(slots, to: &out)
      let due = slots.filter { statuses.status(of: $0, now: context.now) == .due }
      if !due.isEmpty {
        let titles = due.compactMap { context.routine.exercise(id: $0.exercise)?.title }.joined(separator: ", ")
        out.write("\nDue now: \(titles) (tiptoe done, tiptoe snooze, tiptoe skip).\n")
      }
      if let next = HistoryText.nextReminder(statuses, context: context, planner: statuses.planner) {
        let titles = next.slots.map { context.routine.exercise(id: $0.exercise)?.title ?? $0.exercise }
        let when = HistoryText.when(next.at, context: context, planner: statuses.planner)
        out.write("\nNext: \(HistoryText.list(titles)) at \(when).\n")
      }
    }
  }
}

extension Tiptoe.Overview: OptionsOnlyCommand {}
