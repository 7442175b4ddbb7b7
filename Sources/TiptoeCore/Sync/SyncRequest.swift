import Foundation

/// What `tiptoe sync` hands to the sync module (in `tiptoe-agent`, which links the network code):
/// the plan, the clock, the files.
public struct SyncRequest: Sendable {
  public let planner: Planner
  public let now: Date
  public let today: LocalDate
  /// `$XDG_CONFIG_HOME/tiptoe/sync.toml`.
  public let configPath: String
  public let historyPath: String
  /// The plan as `tiptoe export` writes it, from the given date (the command line's own export).
  public let planCalendar: @Sendable (LocalDate) -> String
  /// The host name, this device's name when sync.toml names none.
  public let hostName: String
  /// `tiptoe sync --setup`: the settings to check with the server and then write to `configPath`.
  public var setup: SyncConfig?

  public init(
    planner: Planner, now: Date, today: LocalDate, configPath: String, historyPath: String, hostName: String,
    planCalendar: @escaping @Sendable (LocalDate) -> String
  ) {
    self.planner = planner
    self.now = now
    self.today = today
    self.configPath = configPath
    self.historyPath = historyPath
    self.hostName = hostName
    self.planCalendar = planCalendar
  }
}
