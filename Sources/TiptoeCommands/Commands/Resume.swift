import ArgumentParser
import Foundation
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// `tiptoe resume`: end a pause.
  struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "resume",
      abstract: "End a pause: reminders show again.",
      discussion: "What came due during the pause shows at once, as one notification. Writes nothing when not paused.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = try global.historyContext()
      // Checked and written in one transaction: a pause made meanwhile is not resumed by accident.
      let resumed = try context.history.ifPresent { store in
        try store.write { transaction in
          guard case .paused = PauseState(events: try transaction.pauseEvents(), now: context.now) else { return false }
          try transaction.append([.resumed(at: context.now)])
          return true
        }
      }
      print(resumed == true ? "Reminders resumed." : "Reminders are not paused.")
    }
  }
}
