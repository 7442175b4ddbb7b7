import Foundation

/// The process's environment variables, read once (`ProcessInfo.environment` builds a new
/// dictionary on every call).
enum Environment {
  static let variables = ProcessInfo.processInfo.environment

  /// The variable's value, or nil when it is unset or empty.
  static subscript(_ name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }
}
