import Foundation
import TiptoeCore

/// Where the routine comes from, in the contract's lookup order.
struct RoutineSource {
  /// The file's path, or nil for the built-in routine.
  let path: String?
  let isExplicit: Bool

  /// `--routine`, then `$TIPTOE_ROUTINE`, then `$XDG_CONFIG_HOME/tiptoe/routine.toml`, else built in.
  static func locate(explicit: String?) -> RoutineSource {
    if let explicit { return RoutineSource(path: explicit, isExplicit: true) }
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["TIPTOE_ROUTINE"], !path.isEmpty { return RoutineSource(path: path, isExplicit: true) }
    let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
    let path = config + "/tiptoe/routine.toml"
    if FileManager.default.fileExists(atPath: path) { return RoutineSource(path: path, isExplicit: false) }
    return RoutineSource(path: nil, isExplicit: false)
  }

  /// The name used in messages: the path, or `built-in foot-routine.toml`.
  var name: String { path ?? "built-in foot-routine.toml" }

  func read() throws -> String {
    guard let path else { return BuiltInRoutine.text }
    return try String(contentsOfFile: path, encoding: .utf8)
  }
}
