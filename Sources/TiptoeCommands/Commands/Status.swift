import ArgumentParser
import Foundation
import TiptoeService
import TiptoeCore
import TiptoeStore

extension Tiptoe {
  /// `tiptoe status`: whether the agent runs, whether reminders are paused, and what happens next.
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Is the agent running, and what does it do next?",
      discussion: """
        Shows the running agent (from its lock in the state directory) and its notification server, \
        the systemd user service when installed, a pause, reminders waiting for an answer, and the \
        next reminder. Exits 0 either way; --json for scripts.
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try global.historyContext()
      let planner = context.planner
      let now = context.now
      let directory = context.paths.stateDirectory
      let pid = AgentFiles.runningAgent(directory: directory)
      let agent = pid == nil ? nil : AgentFiles.readState(directory: directory)
      let service = UserService().activeState()
      let rules = context.rules
      let history = try context.history.ifPresent { try $0.history(around: now, rules: rules) } ?? .empty(planner)
      let pause = history.pause(at: now)
      let current = rules.decide(history, now: now)
      let waiting = rules.waiting(history, now: now)
      let words = ReminderWords(context: context)
      // What the agent's presence monitor last heard; what is due waits while a hold is on, and what
      // comes next depends on when you are back.
      let presence = agent?.presence
      let holding = presence?.holding ?? []
      let next = holding.isEmpty ? rules.nextAction(history, now: now) : nil
      let since = (agent?.holds ?? []).filter { $0.end == nil }.map(\.start).min()
      // Due now as the overview says it; held, what the agent would show now were you here.
      let due = history.due(around: context.today, now: now)
      let held = holding.isEmpty ? [] : current.show.flatMap(\.slots).filter { $0.start <= now }
      if output.json {
        let iso = { (date: Date) in ISO8601.format(date, utcOffset: context.timeZone.secondsFromGMT(for: date)) }
        let ids = { (slots: [Slot]) in JSON.array(slots.map { .string($0.id) }) }
        // The agent writes UTC; shown with the local offset like every other time here.
        let started = (agent?.started).map { text in ISO8601.instant(text).map(iso) ?? text }
        let pausedUntil: Date? = if case .paused(let until) = pause { until } else { nil }
        let nextAction = next.map { next -> JSON in
          let (action, slots) = ReminderWords.action(next.decision)
          return .object([("at", .string(iso(next.at))), ("action", .string(action)), ("slots", ids(slots))])
        }
        let document = JSON.object([
          (
            "agent",
            .object([
              ("running", .bool(pid != nil)), ("pid", .optional(pid.map { Int($0) })), ("started", .optional(started)),
              ("server", .optional(agent?.server)), ("service", .optional(service)),
            ])
          ),
          ("paused", .bool(pause != .running)), ("pausedUntil", .optional(pausedUntil.map(iso))),
          ("waiting", ids(waiting)), ("dueNow", ids(due)), ("next", nextAction ?? .null),
          (
            "presence",
            presence.map { presence in
              .object(
                ReminderHold.Reason.allCases.map { ($0.rawValue, .optional(presence[$0])) } + [
                  ("holding", .array(holding.map { .string($0.rawValue) })), ("since", .optional(since.map(iso))),
                ])
            } ?? .null
          ),
          ("held", ids(held)),
        ])
        print(document.text)
        return
      }
      if let pid {
        var line = "Agent: running (pid \(pid)"
        if let started = agent?.started, let date = ISO8601.instant(started) {
          line += ", since \(words.when(date))"
        }
        line += ")"
        if let server = agent?.server {
          line += " · notifications: " + (server.split(separator: " ").prefix(2).joined(separator: " "))
        } else if agent != nil {
          line += " · no notification server: reminders go to its stderr"
        }
        print(line)
      } else {
        print(
          "Agent: not running. Start it with 'tiptoe agent', or 'tiptoe agent --install' to run it with every session.")
      }
      if let service { print("Service: \(UserService.unitName) \(service)") }
      switch pause {
      case .running: print("Reminders: on")
      case .paused(let until?):
        print(
          "Reminders: paused until \(words.when(until)) (\(DurationText.relative(until.timeIntervalSince(now)))); 'tiptoe resume' ends it sooner"
        )
      case .paused(nil): print("Reminders: paused until 'tiptoe resume'")
      }
      if let presence {
        let reasons = ListText.and(holding.map { $0.rawValue })
        print(
          holding.isEmpty
            ? "Presence: here (\(presence.summary))"
            : "Presence: \(reasons)\(since.map { " since \(words.when($0))" } ?? ""); reminders wait until you are back"
        )
      }
      if !waiting.isEmpty { print("Waiting for an answer: " + words.slots(waiting)) }
      if !held.isEmpty {
        print("Held until you are back: " + words.slots(held))
      } else if !due.isEmpty {
        print("Due now: " + words.slots(due) + (pid == nil ? " — no agent is running to remind you" : ""))
      }
      print(holding.isEmpty ? words.next(next, pause: pause) : "Next: when you are back")
    }
  }
}
