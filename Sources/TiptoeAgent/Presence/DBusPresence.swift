import Foundation
import TiptoeCore
import TiptoeService

#if canImport(Glibc)
  import Glibc
#endif

/// Where the agent hears whether anybody is there. In production ``DBusPresence``; a test can pass one
/// it switches itself.
package protocol PresenceMonitor: AnyObject {
  /// Starts listening and returns what is known now; `changed` gets each later change on the agent's
  /// loop, with what said so, and `resumed` each return from suspend.
  func start(_ changed: @escaping (Presence, String) -> Void, resumed: @escaping () -> Void) -> Presence
}

/// Presence from what desktops publish on D-Bus, each source yes / no / unknown, all event-driven:
///
/// - locked: logind's session `LockedHint` (system bus), the `org.gnome.ScreenSaver`,
///   `org.freedesktop.ScreenSaver` and `org.xfce.ScreenSaver` `ActiveChanged` signals, and logind's
///   `PrepareForSleep` (asleep counts as locked);
/// - away: Mutter's idle monitor (`AddIdleWatch` at `awayAfter`, then `AddUserActiveWatch`), else
///   logind's session `IdleHint`;
/// - do not disturb: the `Inhibited` property of `org.freedesktop.Notifications`, dunst's
///   `paused` (`org.dunstproject.cmd0`), and GNOME's `show-banners` setting off (GSettings, only when
///   its schema is installed).
///
/// A reason is on when any of its sources says yes, off when one says no and none yes, and unknown
/// when none is there: then nothing is held, as without the monitor.
final class DBusPresence: PresenceMonitor {
  /// One source of one reason, and what it said last (nil: unknown).
  private struct Source: Hashable {
    let reason: ReminderHold.Reason
    let name: String
  }

  private let awayAfter: TimeInterval
  private let sessionID: String?
  private let log: (String) -> Void
  private var system: DBusConnection?
  private var session: DBusConnection?
  private var values: [Source: Bool] = [:]
  private var changed: ((Presence, String) -> Void)?
  private var resumed: (() -> Void)?
  private var sessionPath: String?
  private var idleWatch: UInt32?
  private var activeWatch: UInt32?
  private var showBanners: GSettingsKey?

  static let login1 = "org.freedesktop.login1"
  static let loginSession = "org.freedesktop.login1.Session"
  static let notifications = "org.freedesktop.Notifications"
  static let notificationsPath = "/org/freedesktop/Notifications"
  static let dunst = "org.dunstproject.cmd0"
  static let mutter = "org.gnome.Mutter.IdleMonitor"
  static let mutterPath = "/org/gnome/Mutter/IdleMonitor/Core"
  static let properties = "org.freedesktop.DBus.Properties"
  /// Screen savers: bus name, object path, interface.
  static let screenSavers = [
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.xfce.ScreenSaver", "/org/xfce/ScreenSaver", "org.xfce.ScreenSaver"),
  ]

  /// `awayAfter`: idle this long counts as away; 0 leaves "away" out. `sessionID`: `$XDG_SESSION_ID`.
  init(awayAfter: TimeInterval, sessionID: String?, log: @escaping (String) -> Void) {
    self.awayAfter = awayAfter
    self.sessionID = sessionID
    self.log = log
  }

  var presence: Presence {
    var presence = Presence()
    for reason in ReminderHold.Reason.allCases {
      var said = values.filter { $0.key.reason == reason }
      // logind's IdleHint follows the desktop's own threshold: only when Mutter's watches are not there.
      if said.keys.contains(where: { $0.name == Self.mutter }) { said.removeValue(forKey: idleHint) }
      presence[reason] = said.values.contains(true) ? true : said.isEmpty ? nil : false
    }
    return presence
  }

  private var idleHint: Source { Source(reason: .away, name: "logind IdleHint") }

  func start(_ changed: @escaping (Presence, String) -> Void, resumed: @escaping () -> Void) -> Presence {
    do {
      system = try DBusConnection(system: true)
    } catch {
      log("presence: no system bus (\((error as? DBusConnection.Unavailable)?.reason ?? "\(error)")): no logind")
    }
    session = try? DBusConnection(system: false)
    startLogind()
    startScreenSavers()
    if awayAfter > 0 { startIdleMonitor() }
    startNotifications()
    startShowBanners()
    self.changed = changed
    self.resumed = resumed
    return presence
  }

  /// Asks `appeared` now if `name` has an owner (so the agent's first decision knows), again whenever
  /// it gets one, and calls `vanished` when it loses it.
  private func follow(
    _ bus: DBusConnection, _ name: String, appeared: @escaping () -> Void, vanished: @escaping () -> Void
  ) {
    if bus.namesAtStart?.contains(name) ?? true { appeared() }
    bus.watch(name, appeared: appeared, vanished: vanished)
  }

  /// Records what `source` says; tells the agent when the presence changed.
  private func set(_ source: Source, _ value: Bool?) {
    guard values[source] != value else { return }
    let before = presence
    values[source] = value
    let after = presence
    guard after != before else { return }
    let word = value.map { $0 ? "yes" : "no" } ?? "gone"
    changed?(after, "\(source.name) \(word)")
  }

  // MARK: logind

  private func startLogind() {
    guard let system else { return }
    let locked = Source(reason: .locked, name: "logind LockedHint")
    let asleep = Source(reason: .locked, name: "logind PrepareForSleep")
    system.subscribe("org.freedesktop.login1.Manager", "PrepareForSleep") { [unowned self] parameters in
      // Asleep counts as locked until the machine is back; then the other sources say.
      let sleeping = parameters[0]?.bool == true
      if !sleeping { resumed?() }
      set(asleep, sleeping ? true : nil)
    }
    follow(
      system, Self.login1,
      appeared: { [unowned self] in
        guard let path = findSession() else { return }
        if sessionPath != path {
          sessionPath = path
          system.subscribe(Self.properties, "PropertiesChanged", path: path, arg0: Self.loginSession) {
            [unowned self] parameters in
            guard let changed = parameters[1] else { return }
            if let value = changed.lookup("LockedHint")?.bool { set(locked, value) }
            if let value = changed.lookup("IdleHint")?.bool, awayAfter > 0 { set(idleHint, value) }
          }
        }
        set(locked, system.property(Self.login1, path, Self.loginSession, "LockedHint")?.bool)
        if awayAfter > 0 { set(idleHint, system.property(Self.login1, path, Self.loginSession, "IdleHint")?.bool) }
      },
      vanished: { [unowned self] in
        set(locked, nil)
        set(idleHint, nil)
      })
  }

  /// This session's object: by `$XDG_SESSION_ID`, else by this process, else (a systemd user service
  /// is in no session) the user's graphical session, logind's `Display` of the user.
  private func findSession() -> String? {
    let manager = "org.freedesktop.login1.Manager"
    let root = "/org/freedesktop/login1"
    if let sessionID, !sessionID.isEmpty,
      let path = system?.call(Self.login1, root, manager, "GetSession", [Variant.string(sessionID)])?[0]?.string
    {
      return path
    }
    if let path = system?.call(
      Self.login1, root, manager, "GetSessionByPID", [Variant.uint32(UInt32(getpid()))])?[0]?.string
    {
      return path
    }
    guard let user = system?.call(Self.login1, root, manager, "GetUser", [Variant.uint32(getuid())])?[0]?.string
    else { return nil }
    let display = system?.property(Self.login1, user, "org.freedesktop.login1.User", "Display")?[1]?.string
    return display == "/" ? nil : display
  }

  // MARK: Screen savers

  private func startScreenSavers() {
    guard let session else { return }
    for (name, path, interface) in Self.screenSavers {
      let source = Source(reason: .locked, name: "\(interface) at \(path)")
      session.subscribe(interface, "ActiveChanged", path: path) { [unowned self] parameters in
        if let active = parameters[0]?.bool { set(source, active) }
      }
      follow(
        session, name,
        appeared: { [unowned self] in set(source, session.call(name, path, interface, "GetActive")?[0]?.bool) },
        vanished: { [unowned self] in set(source, nil) })
    }
  }

  // MARK: Mutter's idle monitor

  private func startIdleMonitor() {
    guard let session else { return }
    let source = Source(reason: .away, name: Self.mutter)
    session.subscribe(Self.mutter, "WatchFired", path: Self.mutterPath) { [unowned self] parameters in
      guard let id = parameters[0]?.uint32 else { return }
      if id == idleWatch {
        set(source, true)
        activeWatch = session.call(Self.mutter, Self.mutterPath, Self.mutter, "AddUserActiveWatch")?[0]?.uint32
      } else if id == activeWatch {
        activeWatch = nil
        set(source, false)
      }
    }
    follow(
      session, Self.mutter,
      appeared: { [unowned self] in
        let milliseconds = UInt64(awayAfter * 1000)
        // The idle watch fires each time the idle time reaches the threshold; a user-active watch once.
        if idleWatch == nil {
          idleWatch =
            session.call(
              Self.mutter, Self.mutterPath, Self.mutter, "AddIdleWatch", [Variant.uint64(milliseconds)])?[0]?.uint32
        }
        guard idleWatch != nil,
          let idle = session.call(Self.mutter, Self.mutterPath, Self.mutter, "GetIdletime")?[0]?.uint64
        else { return set(source, nil) }
        if idle >= milliseconds, activeWatch == nil {
          activeWatch = session.call(Self.mutter, Self.mutterPath, Self.mutter, "AddUserActiveWatch")?[0]?.uint32
        }
        set(source, idle >= milliseconds)
      },
      vanished: { [unowned self] in
        idleWatch = nil
        activeWatch = nil
        set(source, nil)
      })
  }

  // MARK: The notification server's do-not-disturb

  private func startNotifications() {
    guard let session else { return }
    let inhibited = Source(reason: .doNotDisturb, name: "notifications Inhibited")
    let paused = Source(reason: .doNotDisturb, name: "dunst paused")
    session.subscribe(Self.properties, "PropertiesChanged", path: Self.notificationsPath) { [unowned self] parameters in
      guard let interface = parameters[0]?.string, let changed = parameters[1] else { return }
      if interface == Self.notifications, let value = changed.lookup("Inhibited")?.bool { set(inhibited, value) }
      if interface == Self.dunst, let value = changed.lookup("paused")?.bool { set(paused, value) }
    }
    follow(
      session, Self.notifications,
      appeared: { [unowned self] in
        let path = Self.notificationsPath
        set(inhibited, session.property(Self.notifications, path, Self.notifications, "Inhibited")?.bool)
        set(paused, session.property(Self.notifications, path, Self.dunst, "paused")?.bool)
      },
      vanished: { [unowned self] in
        set(inhibited, nil)
        set(paused, nil)
      })
  }

  /// GNOME's do-not-disturb is `show-banners` off; without the schema GNOME's setting is unknown.
  private func startShowBanners() {
    guard let key = GSettingsKey(schema: "org.gnome.desktop.notifications", key: "show-banners") else { return }
    let source = Source(reason: .doNotDisturb, name: "GNOME show-banners off")
    showBanners = key
    key.follow { [unowned self] show in set(source, !show) }
    set(source, !key.value)
  }
}
