import Foundation
import TiptoeCore

/// Undo in words.
enum HistoryUndo {
  /// `Toe presses done at 09:12 (the 09:10 one is now due)`, `pause until 12:00 (at 11:00)`.
  static func describe(_ event: HistoryEvent, _ statuses: SlotStatuses, context: Context) -> String {
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
        let slot = statuses.planner.slots(on: date).first(where: { $0.id == id })
      {
        let status = statuses.status(of: slot, now: context.now)
        what += " (the \(HistoryText.clock(slot.start, zone)) one is now \(status.rawValue))"
      }
      return what
    }
  }
}
