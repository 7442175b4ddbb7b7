import Foundation
import TiptoeCore

/// Undo in words.
enum HistoryUndo {
  /// `Toe presses done at 09:12 (the 09:10 one is now due)`, `(the Wed 25 Nov 2026 14:30 one is now pending)`, `pause until 12:00 (at 11:00)`.
  static func describe(_ event: HistoryEvent, _ history: History, context: Context) -> String {
    let zone = context.timeZone
    let at = HistoryText.clock(event.at, zone)
    let day = HistoryText.localDate(event.at, zone)
    let on = day == context.today ? "at \(at)" : "on \(DateText.heading(day)) at \(at)"
    switch event.kind {
    case .paused:
      return "pause" + (event.until.map { " until \(HistoryText.clock($0, zone, from: day))" } ?? "") + " (\(on))"
    case .resumed:
      return "resume (\(on))"
    default:
      let title = event.exercise.flatMap { context.routine.exercise(id: $0)?.title } ?? event.exercise ?? "?"
      var what = "\(title) \(event.kind.rawValue) \(on)"
      if let id = event.slot, let date = Slot.date(ofID: id),
        let slot = history.planner.slots(on: date).first(where: { $0.id == id })
      {
        let status = history.status(of: slot, now: context.now)
        what += " (the \(HistoryText.clock(slot.start, zone, from: context.today)) one is now \(status.rawValue))"
      }
      return what
    }
  }
}
