import Foundation

/// Environment variables, read one at a time with getenv.
///
/// `ProcessInfo.processInfo.environment` builds a dictionary of every
/// variable on each call; a command's start-up needs three or four values.
enum Environment {
  /// The variable's value, or nil when it is unset or empty.
  static subscript(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }
}
