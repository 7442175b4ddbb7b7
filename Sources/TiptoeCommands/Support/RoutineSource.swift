import Foundation
import TiptoeCore

/// Where the routine comes from, in the contract's lookup order.
struct RoutineSource: Equatable {
  /// The file's path, or nil for the built-in routine.
  let path: String?

  /// `--routine`, then `$TIPTOE_ROUTINE`, then `$XDG_CONFIG_HOME/tiptoe/routine.toml`, else built in.
  static func locate(explicit: String?, paths: XDGPaths = .process) -> RoutineSource {
    if let explicit { return RoutineSource(path: explicit) }
    if let path = Environment["TIPTOE_ROUTINE"] { return RoutineSource(path: path) }
    if FileManager.default.fileExists(atPath: paths.routineFile) { return RoutineSource(path: paths.routineFile) }
    return RoutineSource(path: nil)
  }

  /// Every routine to plan together: the `--routine` files (as many as given), else `$TIPTOE_ROUTINE`,
  /// else `routine.toml` and every `*.toml` in `routines/` beside it (by name), else the built-in one.
  static func locateAll(explicit: [String], paths: XDGPaths = .process) -> [RoutineSource] {
    if !explicit.isEmpty { return explicit.map { RoutineSource(path: $0) } }
    if let path = Environment["TIPTOE_ROUTINE"] { return [RoutineSource(path: path)] }
    let directory = paths.configHome + "/tiptoe/routines"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let more = names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted().map {
      RoutineSource(path: directory + "/" + $0)
    }
    let main = FileManager.default.fileExists(atPath: paths.routineFile) ? [RoutineSource(path: paths.routineFile)] : []
    return main + more == [] ? [RoutineSource(path: nil)] : main + more
  }

  /// The name used in messages: the path, or `built-in foot-routine.toml`.
  var name: String { path ?? "built-in foot-routine.toml" }

  /// The routine's text; a file that cannot be read is a usage error naming `argument`.
  func read(argument: String) throws -> String {
    guard let path else { return BuiltInRoutine.text }
    return try Self.readText(path, argument: argument)
  }

  /// Reads a routine file given on the command line, with a clear error that names the argument.
  static func readText(_ path: String, argument: String) throws -> String {
    let separator = argument.hasPrefix("$") ? "=" : " "
    let example = "(example: \(argument.drop { $0 == "$" })\(separator)~/.config/tiptoe/routine.toml)"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError.usage("\(argument): no such file '\(path)' \(example)")
    }
    guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
      throw CLIError.usage("\(argument): cannot read '\(path)' \(example)")
    }
    defer { try? handle.close() }
    // At most one byte past the limit: a huge file, or a stream such as /dev/zero, is refused unread.
    let limit = RoutineLoader.maximumBytes
    guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
      throw CLIError.usage("\(argument): cannot read '\(path)' \(example)")
    }
    if data.count > limit {
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
      throw CoreError.tooLarge(file: path, bytes: max(size ?? data.count, data.count))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CLIError(message: "\(path): error: not UTF-8 text", code: ExitStatus.dataError)
    }
    return text
  }
}

extension XDGPaths {
  /// The paths this process's environment gives.
  static var process: XDGPaths { XDGPaths(environment: Environment.variables) }
}
