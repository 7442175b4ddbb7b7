import Foundation

/// The XDG autostart entry that starts the agent with the desktop session where there is no
/// systemd user manager: `$XDG_CONFIG_HOME/autostart/tiptoe.desktop` (XDG Autostart Specification).
///
/// The text is `contrib/tiptoe.desktop` with `Exec` set to the running binary.
public enum AutostartEntry {
  public static let fileName = "tiptoe.desktop"

  /// The entry's text, for `binary` started with `arguments` (e.g. `["agent"]`).
  public static func text(binary: String, arguments: [String]) -> String {
    """
    [Desktop Entry]
    Type=Application
    Name=tiptoe
    GenericName=Exercise reminders
    Comment=Reminds you of your exercise routine at the right minute, with Done / Snooze / Skip
    Exec=\(([binary] + arguments).map(quoted).joined(separator: " "))
    Icon=appointment-soon
    Terminal=false
    Categories=Utility;
    NoDisplay=true
    X-GNOME-Autostart-enabled=true
    X-GNOME-UsesNotifications=true

    """
  }

  /// An `Exec` argument as the Desktop Entry Specification wants it: `%` doubled; quoted, with
  /// `"`, `` ` ``, `$` and `\` escaped, when it holds a reserved character.
  static func quoted(_ word: String) -> String {
    let percent = word.replacingOccurrences(of: "%", with: "%%")
    let reserved = Set(" \t\n\"'\\><~|&;$*?#()`")
    guard percent.contains(where: reserved.contains) else { return percent }
    var escaped = ""
    for character in percent {
      if "\"`$\\".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    // The entry's own string escaping then doubles each backslash.
    return "\"" + escaped.replacingOccurrences(of: "\\", with: "\\\\") + "\""
  }
}
