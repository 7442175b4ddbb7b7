import Foundation
import Testing
import TiptoeCore
import TiptoeService
import TiptoeSimulation
import TiptoeStore

@testable import TiptoeAgent

/// The agent behind its presence seam: the simulation's virtual timer and recording notifier, a real
/// SQLite history, and a presence monitor the test switches (the D-Bus sources are tested against real
/// services in Tests/Integration/test_agent_presence.py).
@Suite(.serialized)
final class AgentPresenceTests {
  /// Says whatever the test sets.
  final class SwitchedPresence: PresenceMonitor {
    var changed: ((Presence, String) -> Void)?

    func start(_ changed: @escaping (Presence, String) -> Void, resumed: @escaping () -> Void) -> Presence {
      self.changed = changed
      return Presence(locked: false)
    }

    func set(locked: Bool) { changed?(Presence(locked: locked), "test \(locked)") }
  }

  var now = AgentPresenceTests.at("08:00:00")
  let directory: URL
  let store: HistoryStore
  let timer = VirtualTimer()
  let presence = SwitchedPresence()
  private(set) var notifier: RecordingNotifier!
  private(set) var agent: ReminderAgent!
  var log: [String] = []

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiptoe-presence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(HistoryStore.fileName).path
    store = try HistoryStore.open(path: path)
    let text = """
      name = "Test"
      [day]
      timezone = "UTC"
      [[exercise]]
      id = "toe-presses"
      title = "Toe presses"
      at = ["09:00"]
      """
    let planner = Planner(
      routine: try RoutineLoader.load(text, file: "test.toml"), timeZone: TimeZone(identifier: "UTC")!)
    notifier = RecordingNotifier { [unowned self] in now }
    let configuration = AgentConfiguration(
      settings: ReminderSettings(), historyPath: path, loadPlanner: { planner },
      log: { [unowned self] in log.append($0) }, now: { [unowned self] in now })
    agent = try ReminderAgent(configuration: configuration, notifier: notifier)
    agent.timer = timer
    agent.presenceMonitor = presence
    try agent.start()
  }

  deinit {
    agent = nil
    try? FileManager.default.removeItem(at: directory)
  }

  /// 2026-11-23 at `time`, UTC.
  static func at(_ time: String) -> Date { try! Date("2026-11-23T\(time)Z", strategy: .iso8601) }
  func at(_ time: String) -> Date { Self.at(time) }

  /// Moves the clock to `time`, firing the timer on the way if it is armed before.
  func advance(to time: String) {
    if let armed = timer.armed, armed <= at(time) {
      now = armed
      timer.expire()
      agent.woke(clockChanged: false)
    }
    now = at(time)
  }

  func kinds() throws -> [EventKind] { try store.events().map(\.kind) }

  @Test func lockedAtTheSlotItWaitsThenShowsOnUnlockAndTheNudgeClockStandsStill() throws {
    #expect(timer.armed == at("09:00:00"))
    now = at("08:30:00")
    presence.set(locked: true)
    #expect(log.contains("presence: test true → locked yes, away unknown, do-not-disturb unknown; reminders wait"))
    // Held: no wake-up at the slot, only the one at the next day's start every idle agent has.
    #expect(timer.armed == at("23:59:59").addingTimeInterval(2))
    advance(to: "09:30:00")
    #expect(notifier.newShows.isEmpty)
    #expect(try kinds().isEmpty)

    presence.set(locked: false)
    #expect(notifier.newShows == [at("09:30:00")])
    #expect(try kinds() == [.fired])
    #expect(timer.armed == at("09:45:00"))

    // Locked for an hour from 09:35: the nudge comes 15 minutes of presence after the show, at 10:45.
    now = at("09:35:00")
    presence.set(locked: true)
    advance(to: "10:35:00")
    presence.set(locked: false)
    #expect(timer.armed == at("10:45:00"))
    #expect(try kinds() == [.fired])
    #expect(agent.state.presence == Presence(locked: false))
    #expect(agent.state.holds?.map(\.reason) == [.locked, .locked])
  }
}
