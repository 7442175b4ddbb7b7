import Testing

@testable import TiptoeNotify

/// What works without a notification server: libnotify's objects and the server's capabilities.
struct NotifierTests {
  @Test func capabilitiesDecideButtonsAndEscaping() {
    let dunst = ServerInfo(
      name: "dunst", vendor: "knopwob", version: "1.9.0", specVersion: "1.2",
      capabilities: ["actions", "body", "body-markup"])
    #expect(dunst.supportsActions && dunst.supportsBodyMarkup)
    #expect(dunst.summary == "dunst 1.9.0 (actions, body, body-markup)")
    let plain = ServerInfo(name: "x", vendor: "", version: "1", specVersion: "1.2", capabilities: ["body"])
    #expect(!plain.supportsActions && !plain.supportsBodyMarkup)
  }

  @Test func aNotificationKeepsTheIdItWillReplace() throws {
    let notifier = try Notifier(appName: "tiptoe-test")
    let notification = notifier.notification(title: "Toe presses", body: "a < b")
    #expect(notification.id == 0)
    notification.id = 42
    #expect(notification.id == 42)
    notification.addAction("done", label: "Done") { _ in }
    notification.clearActions()
    #expect(!notification.isOpen)
  }

  @Test func theBodyIsLeftAloneUntilTheServerIsKnown() throws {
    let notifier = try Notifier(appName: "tiptoe-test")
    #expect(notifier.server == nil)
    #expect(notifier.bodyText("a < b") == "a < b")
  }
}
