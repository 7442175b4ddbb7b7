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

  /// An `Exec` argument as the Desktop Entry Specification wants it, scalar by scalar: `%` doubled;
  /// quoted, with `"`, `` ` ``, `$` and `\` escaped, when it holds a reserved character (and the
  /// backslashes doubled once more for the entry's own string escaping).
  static func quoted(_ word: String) -> String {
    let reserved = " \t\n\"'\\><~|&;$*?#()`".unicodeScalars
    var plain = String.UnicodeScalarView()
    var quoted = String.UnicodeScalarView()
    var needsQuotes = false
    for scalar in word.unicodeScalars {
      if reserved.contains(scalar) { needsQuotes = true }
      switch scalar {
      case "%":
        plain.append(contentsOf: "%%".unicodeScalars)
        quoted.append(contentsOf: "%%".unicodeScalars)
      case "\\":
        quoted.append(contentsOf: #"\\\\"#.unicodeScalars)
      case "\"", "`", "$":
        quoted.append(contentsOf: #"\\"#.unicodeScalars)
        quoted.append(scalar)
      default:
        plain.append(scalar)
        quoted.append(scalar)
      }
    }
    return needsQuotes ? "\"" + String(quoted) + "\"" : String(plain)
  }
}
