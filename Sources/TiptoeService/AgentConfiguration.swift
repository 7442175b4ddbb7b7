import Foundation
import TiptoeCore

/// How to run the agent: its timing rules, where the history is, how to load the routine.
public struct AgentConfiguration {
  public var settings: ReminderSettings
  /// The history database (`HistoryStore.defaultPath()`); its directory is watched.
  public var historyPath: String
  /// Loads the routine and settles its zone; called at start and again when the routine file or the
  /// system's zone changes.
  public var loadPlanner: () throws -> Planner
  /// Files whose change reloads the routine (the routine file); their directories are watched when they exist.
  public var routineFiles: [String]
  /// Folders of routines planned together (`routines/`): a `.toml` file added, changed or removed there
  /// plans again.
  public var routineFolders: [String] = []
  /// The command line of `tiptoe guide` with the agent's routine and zone, to which a reminder's
  /// Start button appends its exercises; empty for no Start button.
  public var guideCommand: [String] = []
  /// The command line of one `tiptoe sync` round; empty when sync is not configured (no sync.toml),
  /// and then the agent arms nothing for it.
  public var syncCommand: [String] = []
  /// How often the agent syncs while it is configured, in seconds.
  public var syncEvery: TimeInterval = 900
  /// Where log lines go (stderr by default).
  public var log: (String) -> Void
  /// The wall clock.
  public var now: () -> Date
  /// Whether reminders wait while the screen is locked, the person away or do-not-disturb on
  /// (`--no-presence` turns it off).
  public var presence = true
  /// Idle this long counts as away; 0 leaves "away" out (`--away-after`).
  public var awayAfter: TimeInterval = 5 * 60
  /// Whether reminders ask the server for a sound (`--no-sound`: they ask it for none).
  public var sound = true

  public init(
    settings: ReminderSettings, historyPath: String, loadPlanner: @escaping () throws -> Planner,
    routineFiles: [String] = [], log: @escaping (String) -> Void = AgentConfiguration.standardError,
    now: @escaping () -> Date = { Date() }
  ) {
    self.settings = settings
    self.historyPath = historyPath
    self.loadPlanner = loadPlanner
    self.routineFiles = routineFiles
    self.log = log
    self.now = now
  }

  /// Writes `line` to stderr as `tiptoe: line`, one journal line whatever it holds (`DisplayText`).
  public static func standardError(_ line: String) {
    FileHandle.standardError.write(Data(("tiptoe: " + DisplayText.clean(line) + "\n").utf8))
  }
}

/// Runs the agent with a configuration until it stops; returns the process's exit status.
public typealias AgentRunner = (AgentConfiguration) throws -> Int32
