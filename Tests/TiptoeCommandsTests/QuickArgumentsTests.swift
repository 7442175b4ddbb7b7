import ArgumentParser
import Testing

@testable import TiptoeCommands

/// The quick reader must make exactly the command ArgumentParser makes, or leave the line to it.
struct QuickArgumentsTests {
  static let globals: [[String]] = [
    [], ["--tz", "UTC"], ["--tz=Australia/Lord_Howe"], ["--routine", "my routine.toml"],
    ["--routine=r.toml", "--tz", "Europe/Berlin"],
  ]

  /// Plain command lines people type: the quick reader must take every one of them.
  static let plain: [[String]] = [
    ["overview"], ["today"], ["today", "--json"], ["week"], ["week", "--json"], ["undo"],
    ["plan"], ["plan", "--days", "7"], ["plan", "--days=3", "--json"], ["plan", "--from", "2026-11-23"],
    ["plan", "--json", "--from=2026-03-29", "--days", "14"], ["plan", "--days", "+7"], ["plan", "--days", "3660"],
    ["done"], ["done", "toe-presses"], ["done", "toe-pr", "--at", "14:40"],
    ["done", "--at=2026-11-23T14:40:00+01:00", "ankle"], ["skip"], ["skip", "toe-walking"],
    ["snooze"], ["snooze", "30m"], ["snooze", "toe-presses", "1h30m"], ["snooze", "toe"], ["done", ""],
    ["done", "--at", ""],
  ]

  /// Lines for ArgumentParser: help, mistakes (its error messages), rarer forms.
  static let leftToArgumentParser: [[String]] = [
    ["done", "--help"], ["done", "-h"], ["help", "plan"], ["--version"], ["plan", "--days", "-1"],
    ["plan", "--days", "x"], ["plan", "--days", "0"], ["plan", "--from", "2026-02-30"],
    ["plan", "--from", "9999-01-01"],
    ["done", "--at"], ["done", "a", "b"], ["plan", "--days", "1", "--days", "2"], ["snooze", "-5m"],
    ["snooze", "a", "b", "c"], ["snooze", "15x"], ["plan", "--tz", "Mars/Olympus"], ["done", "--", "toe"],
    ["today", "extra"], ["plan", "--json=1"], ["done", "--at", "--tz", "UTC"], ["log"], ["dnoe"],
    ["plan", "--dyas", "7"],
    ["undo", "--json"], ["export", "-o", "x.ics"], ["done", "--at="], ["skip", "--routine="], ["plan", "--tz="],
  ]

  static func argumentParser(_ arguments: [String]) -> String? {
    (try? Tiptoe.parseAsRoot(arguments)).map { String(describing: $0) }
  }

  @Test(arguments: plain)
  func takesPlainLinesAsArgumentParserDoes(_ line: [String]) throws {
    for global in Self.globals {
      let arguments = line + global
      let quick = try #require(Tiptoe.quick(arguments), "\(arguments)")
      #expect(String(describing: quick) == Self.argumentParser(arguments), "\(arguments)")
      // Options may come before the command's words too.
      let reordered = [line[0]] + global + line.dropFirst()
      #expect(Tiptoe.quick(reordered).map { String(describing: $0) } == Self.argumentParser(reordered))
    }
  }

  @Test(arguments: leftToArgumentParser)
  func leavesTheRestToArgumentParser(_ line: [String]) {
    #expect(Tiptoe.quick(line) == nil, "\(line)")
  }

  @Test func agreesWithArgumentParserOnRandomLines() {
    let commands = Tiptoe.quickCommands.map { $0._commandName } + ["log", "help"]
    let words = [
      "--tz", "--routine", "--at", "--days", "--from", "--json", "--tz=UTC", "--days=2", "--at=", "--json=1", "-h",
      "--help", "--", "-", "UTC", "Europe/Berlin", "7", "-1", "0", "2026-11-23", "2026-02-30", "toe", "15m", "",
      "14:40", "x y",
    ]
    var generator = SystemRandomNumberGenerator()
    var taken = 0
    for _ in 0..<3000 {
      let line =
        [commands.randomElement(using: &generator)!]
        + (0..<Int.random(in: 0...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }
      guard let quick = Tiptoe.quick(line) else { continue }
      taken += 1
      #expect(String(describing: quick) == Self.argumentParser(line), "\(line)")
    }
    #expect(taken > 100)
  }

  @Test func knowsEveryOptionArgumentParserKnowsForItsCommands() throws {
    // An option added to a command but not to its quick reader only costs speed (the line goes to
    // ArgumentParser); one the quick reader knows but the command does not would be a bug.
    for type in Tiptoe.quickCommands {
      let help = type.helpMessage(columns: 1000)
      for name in QuickArguments.globalOptions + type.quickOptions + type.quickFlags {
        #expect(help.contains(name), "\(type._commandName) \(name)")
      }
    }
  }
}
