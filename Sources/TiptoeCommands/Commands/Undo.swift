import ArgumentParser
import Foundation
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// `tiptoe undo`: take back the last done, skip, snooze, pause or resume.
  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "undo",
      abstract: "Take back the last done, skip, snooze, pause or resume.",
      discussion: """
        Takes back everything the last such command (or notification button) did; run it again to \
        go further back. Nothing is deleted: the history records the undo. Exits 1 when there is \
        nothing to undo.
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = try global.historyContext()
      let planner = context.planner
      let result = try context.history.ifPresent { store in
        let undone = try store.undoLast(at: context.now)
        let days = undone.compactMap { $0.slot.flatMap(Slot.date(ofID:)) }
        guard let first = days.min(), let last = days.max() else { return (undone, History.empty(planner)) }
        return (undone, try store.history(planner, from: first, days: last.dayNumber - first.dayNumber + 1))
      }
      guard let (undone, history) = result, !undone.isEmpty else { throw CLIError(message: "nothing to undo", code: 1) }
      print("Undid " + undone.map { HistoryUndo.describe($0, history, context: context) }.joined(separator: "; "))
    }
  }
}
