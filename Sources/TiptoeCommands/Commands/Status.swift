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
      let directory = HistoryStore.directory(of: HistoryAccess.path)
      let pid = AgentFiles.runningAgent(directory: directory)
      let agent = pid == nil ? nil : AgentFiles.readState(directory: directory)
      let service = UserService().activeState()
      let rules = ReminderRules(planner: planner, settings: ReminderSettings())
      var records: [String: SlotRecord] = [:]
      var pause = PauseState.running
      let slots = rules.slots(around: now)
      let from = (slots.first?.start ?? now).addingTimeInterval(-1)
      let to = (slots.last?.start ?? now).addingTimeInterval(1)
      try HistoryAccess.reading { store in
        records = SlotRecord.build(from: try store.events(forSlotsFrom: from, to: to))
        pause = PauseState(events: try store.pauseEvents(), now: now)
      }
      let current = rules.decide(records: records, pause: pause, now: now)
      let waiting = rules.waiting(records: records, now: now)
      let next = rules.nextAction(records: records, pause: pause, now: now)
      let describer = Describer(context: context)
      if output.json {
        var out = ""
        out += "{\"agent\": {\"running\": \(pid != nil), \"pid\": \(pid.map(String.init) ?? "null"), "
        // The agent writes UTC; shown with the local offset like every other time here.
        let started = (agent?.started).map { text in ISO8601.instant(text).map(describer.iso) ?? text }
        out += "\"started\": \(describer.quote(started)), \"server\": \(describer.quote(agent?.server)), "
        out += "\"service\": \(describer.quote(service))}, "
        switch pause {
        case .running: out += "\"paused\": false, \"pausedUntil\": null, "
        case .paused(let until):
          out += "\"paused\": true, \"pausedUntil\": \(describer.quote(until.map(describer.iso))), "
        }
        out += "\"waiting\": [\(waiting.map { JSON.quote($0.id) }.joined(separator: ", "))], "
        out += "\"dueNow\": [\(current.show.flatMap(\.slots).map { JSON.quote($0.id) }.joined(separator: ", "))], "
        if let next {
          let (action, slots) = describer.action(next.decision)
          out += "\"next\": {\"at\": \"\(describer.iso(next.at))\", \"action\": \"\(action)\", "
          out += "\"slots\": [\(slots.map { JSON.quote($0.id) }.joined(separator: ", "))]}}"
        } else {
          out += "\"next\": null}"
        }
        print(out)
        return
      }
      if let pid {
        var line = "Agent: running (pid \(pid)"
        if let started = agent?.started, let date = ISO8601.instant(started) {
          line += ", since \(describer.when(date))"
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
          "Reminders: paused until \(describer.when(until)) (\(DateText.relative(until.timeIntervalSince(now)))); 'tiptoe resume' ends it sooner"
        )
      case .paused(nil): print("Reminders: paused until 'tiptoe resume'")
      }
      if !waiting.isEmpty { print("Waiting for an answer: " + describer.slots(waiting)) }
      let due = current.show.flatMap(\.slots).filter { $0.start <= now }
      if !due.isEmpty {
        print("Due now: " + describer.slots(due) + (pid == nil ? " — no agent is running to remind you" : ""))
      }
      if let next {
        let (action, slots) = describer.action(next.decision)
        let when = "\(describer.when(next.at)) (\(DateText.relative(next.at.timeIntervalSince(now))))"
        switch action {
        case "show" where slots.allSatisfy({ $0.start == next.at }):
          print("Next: \(describer.slots(slots, times: false)) at \(when)")
        case "show": print("Next: at \(when), a reminder of \(describer.slots(slots))")
        case "nudge": print("Next: at \(when), a second reminder of \(describer.slots(slots))")
        default: print("Next: at \(when), \(describer.slots(slots)) logged as missed")
        }
      } else {
        print(pause == .running ? "Next: nothing planned" : "Next: nothing while paused")
      }
    }
  }

  /// Words for slots and instants in `status`.
  private struct Describer {
    let context: Context

    func iso(_ date: Date) -> String { ISO8601.format(date, utcOffset: context.timeZone.secondsFromGMT(for: date)) }

    func quote(_ text: String?) -> String { text.map(JSON.quote) ?? "null" }

    /// `13:00`, or `Tue 24 Nov 13:00` on another day.
    func when(_ date: Date) -> String {
      let (day, time) = ISO8601.localDateTime(date, utcOffset: context.timeZone.secondsFromGMT(for: date))
      let clock = String(time.description.prefix(5))
      return day == context.today ? clock : DateText.heading(day).dropLast(5) + " " + clock
    }

    /// `Toe presses 2 of 3 (09:10), Toe walking (09:14)`; without `times`, `Toe presses 2 of 3, Toe walking`.
    func slots(_ slots: [Slot], times: Bool = true) -> String {
      slots.map { slot in
        let title = context.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
        let count = context.planner.slots(on: slot.date).filter { $0.exercise == slot.exercise }.count
        return title + (count > 1 ? " \(slot.ordinal) of \(count)" : "") + (times ? " (\(when(slot.start)))" : "")
      }.joined(separator: ", ")
    }

    /// What a decision does first: "show", "nudge" or "missed", and its slots.
    func action(_ decision: ReminderDecision) -> (String, [Slot]) {
      if let show = decision.show.first { return ("show", show.slots) }
      if let nudge = decision.nudge.first { return ("nudge", nudge.slots) }
      return ("missed", decision.missed)
    }
  }
}
