import Foundation

/// The process's environment variables.
enum Environment {
  /// The variable's value, or nil when it is unset or empty.
  static subscript(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
    return value
  }
}
