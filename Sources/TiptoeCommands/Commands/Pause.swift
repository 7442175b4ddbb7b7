import ArgumentParser
import Foundation
import TiptoeService
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// `tiptoe pause [DURATION]`: hold reminders back for a while, or until `tiptoe resume`.
  struct Pause: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pause",
      abstract: "Hold reminders back for a while, or until 'tiptoe resume'.",
      discussion: """
        The running agent holds every reminder until the pause ends; then what came due meanwhile \
        shows as one notification (older than the catch-up window: logged missed). A new pause \
        replaces the old one; 'tiptoe undo' takes it back.
        Examples: tiptoe pause · tiptoe pause 30m · tiptoe pause 2h
        """)

    @OptionGroup var global: GlobalOptions

    // Collected by hand so that "-1h" reaches the duration check instead of being taken for -h.
    @Argument(
      parsing: .allUnrecognized,
      help: ArgumentHelp("How long (45s, 10m, 1h30m); without it, until 'tiptoe resume'.", valueName: "duration"))
    var words: [String] = []

    func seconds() throws -> Int? {
      guard words.count <= 1 else {
        throw ValidationError("pause takes one duration, not \(words.count) arguments (example: tiptoe pause 30m)")
      }
      guard let duration = words.first else { return nil }
      return try DurationArgument.seconds(duration, argument: "pause", examples: "30m, 2h, 1h30m")
    }

    func validate() throws { _ = try seconds() }

    func run() throws {
      let context = try global.historyContext()
      // The history keeps whole seconds: round up, so a pause is never shorter than asked.
      let until = try seconds().map {
        Date(timeIntervalSince1970: (context.now.timeIntervalSince1970 + TimeInterval($0)).rounded(.up))
      }
      try context.history.creatingIfMissing { _ = try $0.append([.paused(at: context.now, until: until)]) }
      if let until {
        let clock = HistoryText.clock(until, context.timeZone, from: context.today)
        print(
          "Reminders paused until \(clock) (\(DurationText.relative(until.timeIntervalSince(context.now)))); 'tiptoe resume' ends it sooner."
        )
      } else {
        print("Reminders paused until you run 'tiptoe resume'.")
      }
      if AgentFiles.runningAgent(directory: context.history.directory) == nil {
        Terminal.note("no agent is running, so there are no reminders to hold ('tiptoe status')")
      }
    }
  }
}
