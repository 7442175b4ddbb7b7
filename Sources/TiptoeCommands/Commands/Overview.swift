import ArgumentParser
import Foundation
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// Bare `tiptoe`: today's plan, what is due, and the next reminder, at a glance.
  struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "overview", abstract: "Today's plan, what is due and the next reminder (the default command).")

    @OptionGroup var global: GlobalOptions

    func run() throws { try Self.show(global.context()) }

    /// Prints the overview; bare `tiptoe` calls it directly, without building the parser.
    static func show(_ context: Context) throws {
      let (now, rules) = (context.now, context.rules)
      // The history opened once: the slots around now, and the last weeks for the progress lines.
      let (history, progress) =
        try context.history.ifPresent { store in
          try store.read { reading in
            (
              try reading.history(around: now, rules: rules),
              try reading.progressToday(context.planner, today: context.today, now: now)
            )
          }
        } ?? (.empty(context.planner), [])
      let slots = context.planner.slots(around: context.today)
      let printer = PlanPrinter(context: context, history: history)
      var out = StandardOutput()
      out.write(
        Terminal.styled(context.routine.name, .bold) + " · " + DateText.heading(context.today) + " · "
          + context.zoneLabel + "\n\n")
      if slots.isEmpty { out.write("Nothing planned today.\n") }
      printer.lines(slots, day: context.today, to: &out)
      if !progress.isEmpty {
        out.write("\n" + Terminal.styled("Progress", .bold) + "\n")
        ProgressLines(context: context).write(progress, to: &out)
      }
      let due = history.due(around: context.today, now: now)
      if !due.isEmpty {
        let titles = due.compactMap { context.routine.exercise(id: $0.exercise)?.title }
        out.write("\nDue now: \(ListText.and(titles)) (tiptoe done, tiptoe snooze, tiptoe skip).\n")
      }
      out.write(
        "\n" + ReminderWords(context: context).next(rules.nextAction(history, now: now), pause: history.pause(at: now))
          + "\n")
    }
  }
}
