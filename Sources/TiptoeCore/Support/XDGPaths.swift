import Foundation

/// Where tiptoe keeps its files, by the XDG base directory spec: the routine and the user unit under
/// the config home, the history and the agent's files under the state home.
///
///     let paths = XDGPaths(environment: ProcessInfo.processInfo.environment)
///     paths.historyFile  // ~/.local/state/tiptoe/tiptoe.sqlite
public struct XDGPaths: Hashable, Sendable {
  /// `$XDG_CONFIG_HOME`, else `~/.config`.
  public let configHome: String
  /// `$XDG_STATE_HOME`, else `~/.local/state`.
  public let stateHome: String

  /// A variable that is unset, empty or not an absolute path is ignored, as the spec says; `home`
  /// is asked only when `HOME` is unset.
  public init(environment: [String: String], home: @autoclosure () -> String = NSHomeDirectory()) {
    func absolute(_ name: String) -> String? { environment[name].flatMap { $0.hasPrefix("/") ? $0 : nil } }
    let homeDirectory = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home()
    configHome = absolute("XDG_CONFIG_HOME") ?? homeDirectory + "/.config"
    stateHome = absolute("XDG_STATE_HOME") ?? homeDirectory + "/.local/state"
  }

  /// `$XDG_CONFIG_HOME/tiptoe/routine.toml`, whether or not it exists.
  public var routineFile: String { configHome + "/tiptoe/routine.toml" }
  /// `$XDG_STATE_HOME/tiptoe`: the history, `agent.lock` and `agent.json`.
  public var stateDirectory: String { stateHome + "/tiptoe" }
  /// `$XDG_STATE_HOME/tiptoe/tiptoe.sqlite`.
  public var historyFile: String { stateDirectory + "/tiptoe.sqlite" }
  /// `$XDG_CONFIG_HOME/systemd/user`, where systemd looks for user units.
  public var userUnitDirectory: String { configHome + "/systemd/user" }
  /// `$XDG_CONFIG_HOME/autostart`, where desktops look for XDG autostart entries.
  public var autostartDirectory: String { configHome + "/autostart" }
}
