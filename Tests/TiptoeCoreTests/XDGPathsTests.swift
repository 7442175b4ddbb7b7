import Testing

@testable import TiptoeCore

@Suite struct XDGPathsTests {
  @Test func stateAndConfigFollowTheXDGVariables() {
    let paths = XDGPaths(environment: ["XDG_STATE_HOME": "/s", "XDG_CONFIG_HOME": "/c", "HOME": "/h"])
    #expect(paths.historyFile == "/s/tiptoe/tiptoe.sqlite")
    #expect(paths.stateDirectory == "/s/tiptoe")
    #expect(paths.routineFile == "/c/tiptoe/routine.toml")
    #expect(paths.userUnitDirectory == "/c/systemd/user")
  }

  @Test func withoutThemTheHomeDirectoryDecides() {
    let paths = XDGPaths(environment: ["HOME": "/h"])
    #expect(paths.historyFile == "/h/.local/state/tiptoe/tiptoe.sqlite")
    #expect(paths.routineFile == "/h/.config/tiptoe/routine.toml")
  }

  @Test func relativeOrEmptyVariablesAreIgnoredAsTheSpecSays() {
    let paths = XDGPaths(environment: ["XDG_STATE_HOME": "rel", "XDG_CONFIG_HOME": "", "HOME": "/h"])
    #expect(paths.historyFile == "/h/.local/state/tiptoe/tiptoe.sqlite")
    #expect(paths.routineFile == "/h/.config/tiptoe/routine.toml")
  }
}
