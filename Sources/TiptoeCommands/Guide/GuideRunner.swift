import Foundation
import TiptoeCore

/// Runs a guided session in the terminal (full screen on a TTY, plain lines otherwise), rings at each
/// phase change, records each exercise as its last phase ends, and says at the end what it recorded.
struct GuideRunner {
  let context: Context
  let exercises: [Exercise]
  let phases: [GuidePhase]
  var record = true
  var bell = true
  var notify = false

  /// How the session ended.
  enum Ending: Equatable {
    case finished
    case quit
    case signal(Int32)
  }

  /// Readings of CLOCK_MONOTONIC, in seconds: it stops while the machine sleeps and never jumps with
  /// the wall clock.
  static func monotonic() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// Runs the session; returns the exit status.
  func run() -> Int32 {
    let interactive = GuideTerminal.isInteractive
    let terminal = interactive ? GuideTerminal() : nil
    if let terminal { terminal.enter() } else { GuideSignals.install() }
    var session = GuideSession(phases: phases, at: Self.monotonic())
    var recorded: [String] = []
    var handled: Set<String> = []
    var failures: [String] = []
    var ending = Ending.finished
    var lastFrame = ""
    let start = Self.monotonic()
    var screen = GuideScreen(
      columns: terminal?.size.columns ?? 80, rows: terminal?.size.rows ?? 24, color: Terminal.useColor)
    if terminal == nil, let first = session.current { printPlain(first, at: 0) }
    if let first = session.current { announce(first, on: terminal) }

    loop: while true {
      let now = Self.monotonic()
      let began = session.update(at: now)
      for id in session.finishedExercises where !handled.contains(id) {
        handled.insert(id)
        guard record, let exercise = exercises.first(where: { $0.id == id }) else { continue }
        do {
          recorded.append(try GuideHistory.recordDone(exercise, context))
        } catch {
          failures.append("\(exercise.title) not recorded: " + message(error))
        }
      }
      if !began.isEmpty, let phase = session.current {
        if terminal == nil { printPlain(phase, at: Int((now - start).rounded())) }
        announce(phase, on: terminal)
      }
      if session.isFinished { break }
      if GuideSignals.stop != 0 {
        ending = .signal(GuideSignals.stop)
        break
      }
      if let terminal {
        if GuideSignals.resized != 0 {
          GuideSignals.resized = 0
          screen = GuideScreen(columns: terminal.size.columns, rows: terminal.size.rows, color: Terminal.useColor)
          lastFrame = ""
          terminal.write("\u{1B}[2J")
        }
        let frame = screen.frame(screen.lines(session, exercises: exercises, recorded: recorded))
        if frame != lastFrame {
          terminal.write(frame)
          lastFrame = frame
        }
        for key in terminal.keys(within: 100) {
          let at = Self.monotonic()
          switch key {
          case UInt8(ascii: " "), UInt8(ascii: "p"): session.togglePause(at: at)
          case UInt8(ascii: "n"): session.skip(at: at)
          case UInt8(ascii: "b"): session.back(at: at)
          case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4:
            ending = .quit
            break loop
          default: continue
          }
          if let phase = session.current { announce(phase, on: terminal) }
        }
      } else {
        usleep(100_000)
      }
    }
    terminal?.leave()
    print(closing(session, ending: ending, recorded: recorded, failures: failures).joined(separator: "\n"))
    switch ending {
    case .finished: return failures.isEmpty ? 0 : 1
    case .quit: return 0
    case .signal(let number): return 128 + number
    }
  }

  /// The lines left on the terminal: what was recorded, or that nothing was, and why.
  func closing(_ session: GuideSession, ending: Ending, recorded: [String], failures: [String]) -> [String] {
    var lines: [String] = []
    let done = session.finishedExercises
    if ending != .finished, let phase = session.current {
      let how = ending == .quit ? "Quit" : "Stopped"
      lines.append("\(how) during \(GuideScreen.printable(phase.title)): it is not recorded.")
    } else {
      let minutes = GuideScreen.clock(GuidePlan.seconds(phases))
      lines.append("Finished \(done.count == 1 ? "the exercise" : "\(done.count) exercises") (\(minutes)).")
    }
    if !record {
      let titles = exercises.filter { done.contains($0.id) }.map(\.title)
      if !titles.isEmpty { lines.append("Practised \(ListText.and(titles)); not recorded (--no-record).") }
    } else if recorded.isEmpty && failures.isEmpty {
      lines.append("Nothing recorded.")
    }
    lines += recorded.map { "Recorded: " + $0 }
    lines += failures
    return lines
  }

  /// A terminal bell (unless quiet) and, with --notify, a desktop notification as a phase begins.
  private func announce(_ phase: GuidePhase, on terminal: GuideTerminal?) {
    if bell {
      if let terminal { terminal.write("\u{07}") } else { FileHandle.standardError.write(Data("\u{07}".utf8)) }
    }
    guard notify else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let body = [phase.position, phase.text].filter { !$0.isEmpty }.joined(separator: " · ")
    process.arguments = [
      "notify-send", "--app-name=tiptoe", "--expire-time=4000",
      "--hint=string:x-canonical-private-synchronous:tiptoe-guide",
      "\(phase.title): \(phase.label) \(phase.seconds) s", body,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try? process.run()
  }

  private func printPlain(_ phase: GuidePhase, at seconds: Int) {
    FileHandle.standardOutput.write(Data((GuideScreen.plainLine(phase, at: seconds) + "\n").utf8))
  }

  private func message(_ error: Error) -> String {
    (error as? CLIError)?.message ?? error.localizedDescription
  }
}
