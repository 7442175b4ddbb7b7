/// Who shows the notifications, and what it can do.
public struct ServerInfo: Hashable, Sendable {
  public let name: String
  public let vendor: String
  public let version: String
  /// The notification spec version it follows.
  public let specVersion: String
  /// `GetCapabilities`: "actions", "body", "body-markup", "persistence", …
  public let capabilities: Set<String>

  public init(name: String, vendor: String, version: String, specVersion: String, capabilities: Set<String>) {
    self.name = name
    self.vendor = vendor
    self.version = version
    self.specVersion = specVersion
    self.capabilities = capabilities
  }

  /// Buttons can be shown and pressed.
  public var supportsActions: Bool { capabilities.contains("actions") }
  /// The body is read as markup, so user text must be escaped.
  public var supportsBodyMarkup: Bool { capabilities.contains("body-markup") }

  /// A new notification replaces the one with the same `x-dunst-stack-tag` hint (dunst).
  public var supportsStackTag: Bool { capabilities.contains("x-dunst-stack-tag") }

  /// `dunst 1.9.0 (actions, body, body-markup, …)`.
  public var summary: String { "\(name) \(version) (\(capabilities.sorted().joined(separator: ", ")))" }
}
