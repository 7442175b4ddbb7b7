import CGio

/// One boolean key of an installed GSettings schema, whose changes arrive on the agent's GLib main loop.
final class GSettingsKey {
  private let settings: UnsafeMutablePointer<GSettings>
  private let key: String
  private var handler: Handler?
  private var handlerID: gulong = 0

  /// nil when the schema is not installed or has no boolean `key` (`g_settings_new` would abort).
  init?(schema id: String, key: String) {
    guard let source = g_settings_schema_source_get_default(),
      let schema = g_settings_schema_source_lookup(source, id, 1)
    else { return nil }
    defer { g_settings_schema_unref(schema) }
    guard g_settings_schema_has_key(schema, key) != 0, let found = g_settings_schema_get_key(schema, key) else {
      return nil
    }
    defer { g_settings_schema_key_unref(found) }
    guard tiptoe_settings_key_is_boolean(found) != 0, let settings = g_settings_new_full(schema, nil, nil) else {
      return nil
    }
    self.settings = settings
    self.key = key
  }

  deinit {
    if handlerID != 0 { g_signal_handler_disconnect(settings, handlerID) }
    g_object_unref(settings)
  }

  var value: Bool { g_settings_get_boolean(settings, key) != 0 }

  /// Calls `changed` with the new value whenever the key changes (`changed::key`).
  func follow(_ changed: @escaping (Bool) -> Void) {
    let box = Handler { [unowned self] in changed(value) }
    handler = box
    let callback: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void =
      { _, _, data in
        guard let data else { return }
        Unmanaged<Handler>.fromOpaque(data).takeUnretainedValue().call()
      }
    handlerID = g_signal_connect_data(
      settings, "changed::\(key)", unsafeBitCast(callback, to: GCallback.self),
      Unmanaged.passUnretained(box).toOpaque(), nil, GConnectFlags(rawValue: 0))
  }

  private final class Handler {
    let call: () -> Void
    init(_ call: @escaping () -> Void) { self.call = call }
  }
}
