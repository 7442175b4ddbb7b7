import Foundation
import Testing

@testable import TiptoeService

struct AutostartEntryTests {
  @Test func theEntryRunsThisBinaryAtLoginWithoutAMenuItem() {
    let entry = AutostartEntry.text(binary: "/home/me/.local/bin/tiptoe", arguments: ["agent"])
    #expect(entry.hasPrefix("[Desktop Entry]\nType=Application\n"))
    #expect(entry.contains("\nExec=/home/me/.local/bin/tiptoe agent\n"))
    #expect(entry.contains("\nNoDisplay=true\n") && entry.contains("\nX-GNOME-Autostart-enabled=true\n"))
  }

  @Test func argumentsAreQuotedAsTheDesktopEntrySpecificationSays() {
    let entry = AutostartEntry.text(
      binary: "/opt/my tools/tiptoe", arguments: ["agent", "--routine", "/r/$HOME%.toml"])
    #expect(entry.contains("\nExec=\"/opt/my tools/tiptoe\" agent --routine \"/r/\\\\$HOME%%.toml\"\n"))
  }

  /// By scalar: a `$` or `"` followed by a combining mark is still escaped.
  @Test func reservedScalarsInsideGraphemeClustersAreEscapedToo() {
    #expect(AutostartEntry.quoted("/r/$\u{301}HOME \"\u{308}.toml") == "\"/r/\\\\$\u{301}HOME \\\\\"\u{308}.toml\"")
  }

  @Test func theEntryGoesUnderTheUsersAutostartDirectory() {
    #expect(UserService(environment: ["HOME": "/home/me"]).autostartPath == "/home/me/.config/autostart/tiptoe.desktop")
    #expect(
      UserService(environment: ["HOME": "/home/me", "XDG_CONFIG_HOME": "/cfg"]).autostartPath
        == "/cfg/autostart/tiptoe.desktop")
  }

  @Test func theContribEntryIsWhatInstallWrites() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let contrib = try String(contentsOf: root.appendingPathComponent("contrib/tiptoe.desktop"), encoding: .utf8)
    #expect(contrib == AutostartEntry.text(binary: "tiptoe", arguments: ["agent"]))
  }
}
