import Foundation
import Testing

@testable import TiptoeService

struct UserServiceTests {
  @Test func theUnitRunsThisBinaryWithTheGraphicalSessionAndRestartsOnFailure() {
    let unit = UserService.unit(binary: "/home/me/.local/bin/tiptoe", arguments: ["agent"])
    #expect(unit.contains("\nExecStart=/home/me/.local/bin/tiptoe agent\n"))
    #expect(unit.contains("\nPartOf=graphical-session.target\nAfter=graphical-session.target\n"))
    #expect(unit.contains("\nRestart=on-failure\n"))
    #expect(unit.contains("\nWantedBy=graphical-session.target\n"))
  }

  @Test func wordsWithSpacesAreQuotedForSystemd() {
    let unit = UserService.unit(binary: "/opt/my tools/tiptoe", arguments: ["agent", "--routine", "/r \"x\".toml"])
    #expect(unit.contains("ExecStart=\"/opt/my tools/tiptoe\" agent --routine \"/r \\\"x\\\".toml\"\n"))
  }

  /// systemd.unit(5): `%` starts a specifier and `$` a variable in ExecStart; doubled, they are themselves.
  @Test func specifiersAndVariablesAreEscapedForSystemd() {
    let unit = UserService.unit(binary: "/opt/100%/tiptoe", arguments: ["agent", "--routine", "/r/$HOME %h;x.toml"])
    #expect(unit.contains("\nExecStart=/opt/100%%/tiptoe agent --routine \"/r/$$HOME %%h;x.toml\"\n"))
  }

  @Test func quotesAndBackslashesBeforeCombiningMarksAreEscaped() {
    #expect(UserService.quoted("/r/\"\u{301}x\\\u{308}.toml") == "\"/r/\\\"\u{301}x\\\\\u{308}.toml\"")
  }

  @Test func controlCharactersAreRefusedBeforeAnythingIsWritten() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("tiptoe-unit-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: home) }
    let service = UserService(environment: ["HOME": home])
    for word in ["/r\nExecStartPre=/bin/sh -c evil.toml", "/r\u{1B}]0;x\u{07}.toml", "/r\u{85}.toml"] {
      #expect(throws: AgentError.unsafeWord(word)) {
        _ = try service.install(binary: "/usr/bin/tiptoe", arguments: ["agent", "--routine", word])
      }
    }
    #expect(!FileManager.default.fileExists(atPath: home))
  }

  @Test func theUnitGoesUnderTheUsersConfigDirectory() {
    #expect(UserService(environment: ["HOME": "/home/me"]).unitPath == "/home/me/.config/systemd/user/tiptoe.service")
    #expect(
      UserService(environment: ["HOME": "/home/me", "XDG_CONFIG_HOME": "/cfg"]).unitPath
        == "/cfg/systemd/user/tiptoe.service")
  }

  @Test func theContribUnitIsWhatInstallWrites() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let contrib = try String(
      contentsOf: root.appendingPathComponent("contrib/systemd/tiptoe.service"), encoding: .utf8)
    #expect(contrib == UserService.unit(binary: "/usr/local/bin/tiptoe", arguments: ["agent"]))
  }
}
