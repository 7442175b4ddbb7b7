import CGio

/// An owned GVariant (a D-Bus value), read without GLib's variadic getters.
final class Variant {
  let pointer: OpaquePointer

  /// Takes over a reference the caller owns (a reply).
  init(taking pointer: OpaquePointer) { self.pointer = pointer }

  /// Takes a reference of its own to a value someone else owns (a signal's parameters).
  init(borrowing pointer: OpaquePointer) { self.pointer = g_variant_ref(pointer) }

  deinit { g_variant_unref(pointer) }

  /// The `index`th member of a tuple; nil past the end or for a value that has none.
  subscript(index: Int) -> Variant? {
    guard g_variant_is_container(pointer) != 0, index < Int(g_variant_n_children(pointer)) else { return nil }
    return Variant(taking: g_variant_get_child_value(pointer, gsize(index)))
  }

  var bool: Bool? { tiptoe_variant_if(pointer, "b").map { g_variant_get_boolean($0) != 0 } }
  var uint32: UInt32? { tiptoe_variant_if(pointer, "u").map { g_variant_get_uint32($0) } }
  var uint64: UInt64? { tiptoe_variant_if(pointer, "t").map { UInt64(g_variant_get_uint64($0)) } }
  /// A string or an object path.
  var string: String? {
    guard tiptoe_variant_if(pointer, "s") != nil || tiptoe_variant_if(pointer, "o") != nil else { return nil }
    return String(cString: g_variant_get_string(pointer, nil))
  }
  /// The value inside a variant ("v").
  var unboxed: Variant? { tiptoe_variant_if(pointer, "v").map { Variant(taking: g_variant_get_variant($0)) } }

  /// The value of `key` in a dictionary of variants ("a{sv}").
  func lookup(_ key: String) -> Variant? {
    guard tiptoe_variant_if(pointer, "a{sv}") != nil else { return nil }
    return g_variant_lookup_value(pointer, key, nil).map { Variant(taking: $0) }
  }

  /// New (floating) values for a call's arguments.
  static func string(_ value: String) -> OpaquePointer { g_variant_new_string(value) }
  static func uint32(_ value: UInt32) -> OpaquePointer { g_variant_new_uint32(value) }
  static func uint64(_ value: UInt64) -> OpaquePointer { g_variant_new_uint64(guint64(value)) }
}

/// One D-Bus connection (GDBus), whose signals and name changes arrive on the agent's GLib main loop.
/// Calls are synchronous with a short timeout; they are made only when a service appears or signals.
final class DBusConnection {
  /// Why the bus cannot be reached.
  struct Unavailable: Error {
    let reason: String
  }

  private let connection: OpaquePointer
  private var subscriptions: [UInt32: SignalHandler] = [:]
  private var watches: [UInt32: NameHandler] = [:]

  /// The system bus (`DBUS_SYSTEM_BUS_ADDRESS` or the standard socket), or the session bus.
  init(system: Bool) throws {
    var error: UnsafeMutablePointer<GError>?
    guard let connection = g_bus_get_sync(system ? G_BUS_TYPE_SYSTEM : G_BUS_TYPE_SESSION, nil, &error) else {
      defer { g_error_free(error) }
      throw Unavailable(reason: String(cString: tiptoe_gio_error_message(error)))
    }
    self.connection = connection
  }

  deinit {
    for id in subscriptions.keys { g_dbus_connection_signal_unsubscribe(connection, id) }
    for id in watches.keys { g_bus_unwatch_name(id) }
    g_object_unref(UnsafeMutableRawPointer(connection))
  }

  /// Calls a method and returns its reply (a tuple); nil when it fails (no such service, object or
  /// method), which to the presence monitor means "unknown".
  func call(
    _ name: String, _ path: String, _ interface: String, _ method: String, _ arguments: [OpaquePointer] = []
  ) -> Variant? {
    let parameters: OpaquePointer? =
      arguments.isEmpty
      ? nil
      : arguments.map { Optional($0) }.withUnsafeBufferPointer { g_variant_new_tuple($0.baseAddress, gsize($0.count)) }
    var error: UnsafeMutablePointer<GError>?
    let reply = g_dbus_connection_call_sync(
      connection, name, path, interface, method, parameters, nil, G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, nil, &error)
    if let error { g_error_free(error) }
    return reply.map { Variant(taking: $0) }
  }

  /// The names on the bus when first asked (one call, so that absent services cost none); nil when
  /// the bus does not say.
  private(set) lazy var namesAtStart: Set<String>? = {
    guard let list = call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")?[0]
    else { return nil }
    return Set((0..<Int(g_variant_n_children(list.pointer))).compactMap { list[$0]?.string })
  }()

  /// A property's value; nil when it cannot be read.
  func property(_ name: String, _ path: String, _ interface: String, _ property: String) -> Variant? {
    call(
      name, path, "org.freedesktop.DBus.Properties", "Get", [Variant.string(interface), Variant.string(property)]
    )?[0]?.unboxed
  }

  /// Calls `handler` with the parameters of every `member` signal of `interface` (at `path` when given,
  /// with a first argument `arg0` when given), from any sender.
  func subscribe(
    _ interface: String, _ member: String, path: String? = nil, arg0: String? = nil,
    _ handler: @escaping (Variant) -> Void
  ) {
    let box = SignalHandler(handler)
    let id = g_dbus_connection_signal_subscribe(
      connection, nil, interface, member, path, arg0, G_DBUS_SIGNAL_FLAGS_NONE,
      { _, _, _, _, _, parameters, data in
        guard let parameters, let data else { return }
        Unmanaged<SignalHandler>.fromOpaque(data).takeUnretainedValue().call(Variant(borrowing: parameters))
      }, Unmanaged.passUnretained(box).toOpaque(), nil)
    subscriptions[id] = box
  }

  /// Calls `appeared` when `name` gets an owner (at once if it has one) and `vanished` when it loses it
  /// (at once if it has none).
  func watch(_ name: String, appeared: @escaping () -> Void, vanished: @escaping () -> Void) {
    let box = NameHandler(appeared: appeared, vanished: vanished)
    let id = g_bus_watch_name_on_connection(
      connection, name, G_BUS_NAME_WATCHER_FLAGS_NONE,
      { _, _, _, data in Unmanaged<NameHandler>.fromOpaque(data!).takeUnretainedValue().appeared() },
      { _, _, data in Unmanaged<NameHandler>.fromOpaque(data!).takeUnretainedValue().vanished() },
      Unmanaged.passUnretained(box).toOpaque(), nil)
    watches[id] = box
  }

  private final class SignalHandler {
    let call: (Variant) -> Void
    init(_ call: @escaping (Variant) -> Void) { self.call = call }
  }

  private final class NameHandler {
    let appeared: () -> Void
    let vanished: () -> Void
    init(appeared: @escaping () -> Void, vanished: @escaping () -> Void) {
      self.appeared = appeared
      self.vanished = vanished
    }
  }
}
