import Foundation
import TiptoeCore

/// What plan, today and week share: expand, then print as text or JSON.
struct PlanView {
  let context: Context
  let json: Bool

  func print(from: LocalDate, days: Int) throws {
    let planner = context.planner
    let history = try context.history.history(planner, from: from, days: days)
    let printer = PlanPrinter(context: context, history: history)
    var out = StandardOutput()
    if json {
      _ = printer.json(planner.slots(from: from, days: days), to: out)
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
