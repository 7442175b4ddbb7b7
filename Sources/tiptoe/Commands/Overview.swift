import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// Bare `tiptoe`: today's plan, what is due, and the next reminder, at a glance.
  struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "overview", abstract: "Today's plan, what is due and the next reminder (the default).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = try global.context()
      let slots = context.planner.slots(on: context.today)
      let printer = PlanPrinter(context: context)
      var out = StandardOutput()
      out.write(
        Terminal.styled(context.routine.name, .bold) + " · " + DateText.heading(context.today) + " · "
          + context.zoneLabel + "\n\n")
      if slots.isEmpty { out.write("Nothing planned today.\n") }
      printer.lines(slots, to: &out)
      let next = context.planner.slots(from: context.today, days: 8).first { $0.start > context.now }
      if let next, let exercise = context.routine.exercise(id: next.exercise) {
        let time = ISO8601.localDateTime(next.start, utcOffset: next.utcOffset)
        let day = time.0 == context.today ? "" : DateText.heading(time.0) + " "
        out.write(
          "\nNext: \(exercise.title) at \(day)\(time.1.description.prefix(5)) (\(DateText.relative(next.start.timeIntervalSince(context.now)))).\n"
        )
      }
    }
  }
}
