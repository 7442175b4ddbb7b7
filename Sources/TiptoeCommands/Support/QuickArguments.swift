import ArgumentParser

/// The command lines people type most (`tiptoe done`, `tiptoe plan --days 7 --json`), read without
/// ArgumentParser.
///
/// ArgumentParser finds a command's options by reflecting over its properties, and each type it
/// meets costs the Swift runtime a scan of every protocol conformance in the binary: about half of
/// a short command's start-up (bench/findings.md). This reader knows only plain forms: long
/// options with a value (`--days 7`, `--days=7`), long flags and words. Anything else (help, a short
/// option, a word that starts with `-`, an option given twice, a value that does not convert or
/// validate) makes it give up, and ArgumentParser reads the line as always, with its help and its
/// errors. `QuickArgumentsTests` holds the two readers to the same commands.
struct QuickArguments {
  /// The words that are not options.
  private(set) var words: [String] = []
  private var values: [(name: String, value: String?)] = []

  /// Splits `arguments` (after the command's name); nil unless every option is one of `options`
  /// (which take a value) or `flags`, given once.
  init?(_ arguments: ArraySlice<String>, options: [String], flags: [String] = []) {
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let word = arguments[index]
      index += 1
      guard word.hasPrefix("-") else {
        words.append(word)
        continue
      }
      let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      guard name.count > 2, name.hasPrefix("--"), !values.contains(where: { $0.name == name }) else { return nil }
      if flags.contains(name), parts.count == 1 {
        values.append((name, nil))
      } else if options.contains(name) {
        if parts.count == 2 {
          // ArgumentParser takes `--at=` for a missing value.
          guard !parts[1].isEmpty else { return nil }
          values.append((name, String(parts[1])))
        } else {
          guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
          values.append((name, arguments[index]))
          index += 1
        }
      } else {
        return nil
      }
    }
  }

  /// The value of the option `name`, if it was given.
  func value(_ name: String) -> String? { values.first { $0.name == name }?.value }

  /// Whether the flag `name` was given.
  func flag(_ name: String) -> Bool { values.contains { $0.name == name } }

  /// The options every command shares.
  static let globalOptions = ["--routine", "--tz"]
}

/// A command that `QuickArguments` can read.
protocol QuickParsable: ParsableCommand {
  /// The options (with a value) and flags this command takes, besides the global ones.
  static var quickOptions: [String] { get }
  static var quickFlags: [String] { get }

  /// The command as ArgumentParser would make it from `arguments`, or nil to let it try.
  init?(quick arguments: QuickArguments)
}

extension QuickParsable {
  static var quickOptions: [String] { [] }
  static var quickFlags: [String] { [] }

  /// The command read from `arguments` (after its name) and validated as ArgumentParser would.
  static func quick(_ arguments: ArraySlice<String>) -> Self? {
    guard
      let split = QuickArguments(
        arguments, options: QuickArguments.globalOptions + quickOptions, flags: quickFlags),
      var command = Self(quick: split), (try? command.validate()) != nil
    else { return nil }
    return command
  }
}

/// A command that takes no words, only the global options and maybe flags of its own.
protocol OptionsOnlyCommand: QuickParsable {
  var global: GlobalOptions { get set }
  /// Sets the command's own options (none by default).
  mutating func setOwnOptions(_ arguments: QuickArguments)
}

extension OptionsOnlyCommand {
  mutating func setOwnOptions(_ arguments: QuickArguments) {}

  init?(quick arguments: QuickArguments) {
    guard arguments.words.isEmpty, let global = GlobalOptions(quick: arguments) else { return nil }
    var command = Self()
    command.global = global
    command.setOwnOptions(arguments)
    self = command
  }
}

extension GlobalOptions {
  /// `--routine` and `--tz`, validated.
  init?(quick arguments: QuickArguments) {
    var options = Self()
    options.routine = arguments.value("--routine")
    options.tz = arguments.value("--tz")
    guard (try? options.validate()) != nil else { return nil }
    self = options
  }
}

extension OutputOptions {
  init(quick arguments: QuickArguments) {
    var options = Self()
    options.json = arguments.flag("--json")
    self = options
  }
}

extension Tiptoe {
  /// The commands `QuickArguments` reads.
  static let quickCommands: [any QuickParsable.Type] = [
    Overview.self, Plan.self, Today.self, Week.self, Done.self, Snooze.self, Skip.self, Undo.self,
  ]

  /// The command `arguments` (without the program's name) ask for, when they are in a plain form.
  static func quick(_ arguments: [String]) -> (any ParsableCommand)? {
    guard let name = arguments.first, let type = quickCommands.first(where: { $0._commandName == name }) else {
      return nil
    }
    return type.quick(arguments.dropFirst())
  }
}
