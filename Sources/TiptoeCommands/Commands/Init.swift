import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe init [--example NAME] [--force]`: write a starter routine where tiptoe looks for one.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Write a starter routine to ~/.config/tiptoe/routine.toml.",
      discussion: """
        Writes the built-in foot routine, or one of the examples, with comments, to \
        $XDG_CONFIG_HOME/tiptoe/routine.toml (default ~/.config/tiptoe/routine.toml), checks it, and \
        says how to go on. An existing file is left alone unless --force is given (then it is kept as \
        routine.toml.bak).
        The examples for --example: \(RoutineExample.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
        Examples: tiptoe init · tiptoe init --example desk-break · tiptoe init --example medication --force
        """)

    @Option(
      help: ArgumentHelp(
        "Start from this example instead of the built-in routine (\(RoutineExample.names)).", valueName: "name"),
      completion: .list(RoutineExample.all.map(\.name)))
    var example: String?

    @Flag(help: "Replace an existing routine file (the old one is kept as routine.toml.bak).")
    var force = false

    func validate() throws {
      if let example, RoutineExample.named(example) == nil {
        let hint = Suggestion.closest(to: example, in: RoutineExample.all.map(\.name)).map { "did you mean '\($0)'? " }
        throw ValidationError(
          "--example: no example '\(example)'; \(hint ?? "")(examples: \(RoutineExample.names); "
            + "e.g. tiptoe init --example desk-break)")
      }
    }

    func run() throws {
      let starter = example.flatMap(RoutineExample.named) ?? .builtIn
      let path = XDGPaths.process.routineFile
      // Checked before anything is written, so a file that tiptoe cannot plan is never left behind.
      let routine = try RoutineLoader.load(starter.text, file: starter.source)
      let files = FileManager.default
      var isDirectory: ObjCBool = false
      let exists = files.fileExists(atPath: path, isDirectory: &isDirectory)
      if exists && isDirectory.boolValue { throw CLIError.io("\(path) is a directory; not writing a routine there") }
      if exists && !force {
        throw CLIError(
          message: "\(path) already exists; left as it is (tiptoe init --force replaces it, keeping a copy; "
            + "tiptoe routine --check checks it)", code: 1)
      }
      let backup = path + ".bak"
      do {
        try files.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if exists {
          if files.fileExists(atPath: backup) { try files.removeItem(atPath: backup) }
          try files.copyItem(atPath: path, toPath: backup)
        }
        try Data(starter.fileText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw CLIError.io("cannot write \(path): \(error.localizedDescription)")
      }
      if exists { print("kept the old routine as \(backup)") }
      print("wrote \(path): \(starter.title), \(RoutineCommand.summary(of: routine))")
      if let other = Environment["TIPTOE_ROUTINE"] {
        Terminal.note("$TIPTOE_ROUTINE is set, so tiptoe reads \(other) instead; unset it to use this file")
      }
      print("next: edit it (${EDITOR:-nano} \(path)), then check it with: tiptoe routine --check")
      print("see it planned with: tiptoe plan --days 7 · the format: man 5 tiptoe-routine")
    }
  }
}

/// A routine `tiptoe init` can start from: the built-in one, or an example from Config/examples/.
struct RoutineExample {
  let name: String
  let summary: String
  let text: String

  /// The built-in foot routine.
  static let builtIn = RoutineExample(
    name: "foot-routine", summary: "the built-in foot routine for back pain", text: BuiltInRoutine.text)

  /// The examples shipped in Config/examples/, embedded in the binary.
  static let all = [
    RoutineExample(
      name: "seed-004-stretches", summary: "seed 004's stretches and massage",
      text: String(decoding: PackageResources.seed_004_stretches_toml, as: UTF8.self)),
    RoutineExample(
      name: "desk-break", summary: "eyes, standing up, neck and wrists on working days",
      text: String(decoding: PackageResources.desk_break_toml, as: UTF8.self)),
    RoutineExample(
      name: "medication", summary: "doses at fixed times with `at`",
      text: String(decoding: PackageResources.medication_toml, as: UTF8.self)),
  ]

  static var names: String { all.map(\.name).joined(separator: ", ") }

  static func named(_ name: String) -> RoutineExample? {
    all.first { $0.name == name || $0.name + ".toml" == name }
  }

  /// The name errors give for its text.
  var source: String { self.name == Self.builtIn.name ? "built-in foot-routine.toml" : "example \(name).toml" }

  /// How `init` speaks of it.
  var title: String { self.name == Self.builtIn.name ? "the built-in foot routine" : "the \(name) example" }

  /// The text `init` writes: a header saying where it came from and how to go on, then the routine.
  var fileText: String {
    """
    # Your tiptoe routine, written by `tiptoe init` from \(title).
    # tiptoe reads it from here (unless --routine or $TIPTOE_ROUTINE names another file).
    # Edit it, then check it: tiptoe routine --check; see the week: tiptoe plan --days 7.
    # The format: man 5 tiptoe-routine. Frequencies are phrases ("3 times a day", "twice daily",
    # "a few times a week", "every other day") or exact times (at = ["08:30", "19:00"]).

    """ + text
  }
}
