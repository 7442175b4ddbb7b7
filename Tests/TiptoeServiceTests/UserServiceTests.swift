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
