import Foundation
import TiptoeCore
import TiptoeStore

/// One `tiptoe sync` round: remote changes come down and are merged into the history, local
/// actions go up, then the plan.
///
/// Every step is recorded as it completes, so a round cut short (network gone, process killed)
/// repeats some requests next time but never loses or doubles an action: a slot's resource has a
/// fixed name, a merge appends events only where the history says otherwise, and what the server
/// holds is stored in the same transaction as what is appended.
public struct SyncRound {
  static let logName = "tiptoe-log"
  static let planName = "tiptoe-plan"
  /// The slots shared: from 7 days back to 2 days ahead.
  static let daysBack = 7
  static let daysAhead = 2

  let request: SyncRequest
  let settings: SyncSettings
  let client: DAVClient
  let store: HistoryStore
  var report: SyncReport
  var logURL: URL!
  var planURL: URL!
  /// The VTIMEZONE every VTODO carries, made once.
  let zone: ContentLines

  /// Runs a round for `request`; throws `SyncError` (with its exit status).
  public static func run(_ request: SyncRequest) throws -> SyncReport {
    let settings: SyncSettings
    if let setup = request.setup {
      settings = try SyncSettings(setup, path: request.configPath, hostName: request.hostName)
      // Written only once the server accepted it.
      _ = try DAVClient(settings: settings).calendarHome(settings.url)
      try write(setup, to: request.configPath)
    } else {
      settings = try SyncSettings.load(path: request.configPath, hostName: request.hostName)
    }
    do {
      let store = try HistoryStore.open(path: request.historyPath)
      defer { try? store.close() }
      var round = SyncRound(request: request, settings: settings, store: store)
      try round.run()
      return round.report
    } catch let error as StoreError {
      throw SyncError.history(error.localizedDescription)
    }
  }

  /// Writes sync.toml, readable by its owner alone, in a directory only they can enter.
  static func write(_ config: SyncConfig, to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      let temporary = path + ".new"
      guard
        FileManager.default.createFile(
          atPath: temporary, contents: Data(config.toml.utf8), attributes: [.posixPermissions: 0o600])
      else { throw CocoaError(.fileWriteUnknown) }
      guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    } catch {
      throw SyncError.config(path: path, reason: "cannot write it (\(error.localizedDescription))")
    }
  }

  init(request: SyncRequest, settings: SyncSettings, store: HistoryStore) {
    self.request = request
    self.settings = settings
    self.store = store
    client = DAVClient(settings: settings)
    report = SyncReport(server: settings.host, device: settings.device)
    var zone = ContentLines()
    let today = request.today
    VTimeZone(
      timeZone: request.planner.timeZone,
      covering: today.adding(days: -Self.daysBack)...today.adding(days: Self.daysAhead)
    ).write(to: &zone)
    self.zone = zone
  }

  mutating func run() throws {
    var home = try client.calendarHome(settings.url)
    if !home.absoluteString.hasSuffix("/") { home = URL(string: home.absoluteString + "/")! }
    report.home = home.absoluteString
    logURL = URL(string: Self.logName + "/", relativeTo: home)!.absoluteURL
    planURL = URL(string: Self.planName + "/", relativeTo: home)!.absoluteURL
    try download()
    try upload()
    try uploadPlan()
  }

  // MARK: Down

  /// The log's changes since the stored token, fetched and merged into the history.
  mutating func download() throws {
    let token = try store.write { try $0.syncValue("token.log") } ?? ""
    var listing: MultiStatus
    var full = token.isEmpty
    var ctag: String?
    do {
      do {
        if let answer = try client.syncCollection(logURL, token: token) {
          listing = answer
        } else {
          try createLog()
          listing = try fullListing()
          full = true
        }
      } catch is DAVClient.InvalidToken {
        listing = try fullListing()
        full = true
      }
    } catch is DAVClient.NoSyncCollection {
      guard let changed = try etagListing() else { return }
      (listing, ctag) = changed
      full = true
    }
    let known = try store.write { try $0.syncItems("log") }
    var fetched: [(href: String, etag: String?, todo: SlotTodo)] = []
    var gone: [String] = []
    for response in listing.responses {
      let href = Self.name(response.href)
      guard href.hasSuffix(".ics") else { continue }
      if response.status == 404 {
        gone.append(href)
        continue
      }
      let etag = response.properties["{DAV:}getetag"]
      if let etag, known[href]?.etag == etag { continue }
      if let item = try fetch(href) { fetched.append((href, item.etag ?? etag, item.todo)) }
    }
    if full {
      // A full listing: what is not listed is not there.
      let listed = Set(listing.responses.map { Self.name($0.href) })
      gone += known.keys.filter { !listed.contains($0) }
    }
    try store.write { tx in
      for href in gone { try tx.removeSyncItem(collection: "log", href: href) }
      for item in fetched { try merge(item.todo, href: item.href, etag: item.etag, tx) }
      try tx.setSyncValue("token.log", listing.syncToken)
      try tx.setSyncValue("ctag.log", ctag)
    }
  }

  /// Makes the log collection (it is missing): nothing the server held is known any more.
  mutating func createLog() throws {
    try client.makeCalendar(logURL, name: "tiptoe log", component: "VTODO")
    report.created.append(Self.logName + "/")
    try store.write { tx in
      try tx.removeSyncItems(collection: "log")
      try tx.setSyncValue("token.log", nil)
      try tx.setSyncValue("ctag.log", nil)
    }
  }

  /// For a server without RFC 6578: every member's etag, with the collection's ctag (which says
  /// whether anything changed since); nil when the ctag is the one stored by the last round.
  mutating func etagListing() throws -> (MultiStatus, ctag: String?)? {
    let (exists, ctag) = try client.ctag(logURL)
    if !exists { try createLog() }
    if let ctag, ctag == (try store.write { try $0.syncValue("ctag.log") }) { return nil }
    return (try client.etags(logURL), ctag)
  }

  func fullListing() throws -> MultiStatus {
    guard let listing = try client.syncCollection(logURL, token: "") else {
      throw SyncError.server(host: settings.host, what: "REPORT sync-collection \(logURL.path)", status: 404)
    }
    return listing
  }

  /// GETs a log resource; nil when it is gone or holds no tiptoe slot.
  func fetch(_ href: String) throws -> (etag: String?, todo: SlotTodo)? {
    let response = try client.send("GET", URL(string: href, relativeTo: logURL)!.absoluteURL)
    if response.status == 404 { return nil }
    guard response.status == 200 else {
      throw SyncError.server(host: settings.host, what: "GET \(logURL.path)\(href)", status: response.status)
    }
    guard let todo = SlotTodo(calendar: String(decoding: response.body, as: UTF8.self)) else { return nil }
    return (response.etag, todo)
  }

  /// Takes the server's action for a slot where it wins over the history's (appending events
  /// tagged with its device), and records what the server holds.
  mutating func merge(_ todo: SlotTodo, href: String, etag: String?, _ tx: HistoryTransaction) throws {
    try tx.saveSyncItem(SyncItem(collection: "log", href: href, etag: etag, slot: todo.slot, action: todo.action))
    guard let remote = todo.action, let slot = slot(todo.slot) else { return }
    let events = try tx.events(forSlotsFrom: slot.start, to: slot.start.addingTimeInterval(1))
      .filter { $0.slot == slot.id }
    let local = SlotAction.latest(in: events)
    guard remote.outcome != local?.outcome, remote.wins(over: local, localDevice: settings.device) else { return }
    let device = remote.device ?? SlotTodo.otherApp
    let appended: [NewEvent]
    switch remote.outcome {
    case .done, .skipped:
      appended = [
        NewEvent(
          kind: remote.outcome == .done ? .done : .skipped, slot: slot.id, exercise: slot.exercise, at: remote.at,
          slotStart: slot.start, device: device)
      ]
    case .undone:
      let standing = HistoryEvent.standing(events).filter { $0.kind == .done || $0.kind == .skipped }
      appended = standing.map {
        NewEvent(
          kind: .undone, slot: slot.id, exercise: slot.exercise, at: remote.at, slotStart: slot.start, undoes: $0.id,
          device: device)
      }
    }
    if !appended.isEmpty {
      try tx.append(appended)
      report.received += 1
    }
  }

  /// The planned slot with this id, if the routine still has it.
  func slot(_ id: String) -> Slot? {
    guard let date = Slot.date(ofID: id) else { return nil }
    return request.planner.slots(on: date).first { $0.id == id }
  }

  /// The last path segment of an href.
  static func name(_ href: String) -> String {
    String(href.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
  }

  // MARK: Up

  /// Each slot of the window whose action the server does not hold yet (or that it has not seen at all).
  mutating func upload() throws {
    let first = request.today.adding(days: -Self.daysBack)
    let slots = Array(request.planner.slots(from: first, days: Self.daysBack + Self.daysAhead + 1))
    guard let start = slots.first?.start, let end = slots.last?.start else { return }
    let (known, events) = try store.write { tx in
      (try tx.syncItems("log"), try tx.events(forSlotsFrom: start, to: end.addingTimeInterval(1)))
    }
    let bySlot = Dictionary(grouping: events.filter { $0.slot != nil }) { $0.slot! }
    for slot in slots {
      let local = SlotAction.latest(in: bySlot[slot.id] ?? [])
      let href = SlotTodo.href(of: slot.id)
      guard let stored = known[href] else {
        try send(slot, local, etag: nil)
        continue
      }
      if let local, local.outcome != stored.action?.outcome,
        !(stored.action?.wins(over: local, localDevice: settings.device) ?? false)
      {
        try send(slot, local, etag: stored.etag)
      }
    }
  }

  /// PUTs the slot's VTODO (`If-None-Match: *` without an etag, else `If-Match`); on 412 fetches
  /// the server's, merges, and sends again if this device's action still wins.
  mutating func send(_ slot: Slot, _ action: SlotAction?, etag: String?, retry: Bool = true) throws {
    let href = SlotTodo.href(of: slot.id)
    let title = request.planner.routine.exercise(id: slot.exercise)?.title ?? slot.exercise
    let body = SlotTodo.calendar(
      slot, title: title, action: action, device: settings.device, now: request.now,
      zoneName: request.planner.timeZone.identifier, zone: zone)
    let url = URL(string: href, relativeTo: logURL)!.absoluteURL
    let condition = etag.map { ["If-Match": $0] } ?? ["If-None-Match": "*"]
    let response = try client.send(
      "PUT", url, headers: condition.merging(["Content-Type": "text/calendar; charset=utf-8"]) { a, _ in a },
      body: Data(body.utf8))
    switch response.status {
    case 200..<300:
      var written = action
      if written != nil && written?.device == nil { written?.device = settings.device }
      let newEtag = try response.etag ?? fetch(href)?.etag
      try store.write { tx in
        try tx.saveSyncItem(SyncItem(collection: "log", href: href, etag: newEtag, slot: slot.id, action: written))
      }
      if action != nil { report.sent += 1 }
    case 412 where retry:
      report.conflicts += 1
      guard let current = try fetch(href) else { return try send(slot, action, etag: nil, retry: false) }
      let merged = try store.write { tx -> SlotAction? in
        try merge(current.todo, href: href, etag: current.etag, tx)
        let events = try tx.events(forSlotsFrom: slot.start, to: slot.start.addingTimeInterval(1))
        return SlotAction.latest(in: events.filter { $0.slot == slot.id })
      }
      if let merged, merged.outcome != current.todo.action?.outcome,
        !(current.todo.action?.wins(over: merged, localDevice: settings.device) ?? false)
      {
        try send(slot, merged, etag: current.etag, retry: false)
      }
    case 412:
      return  // changed again meanwhile: the next round merges it
    default:
      throw SyncError.server(host: settings.host, what: "PUT \(url.path)", status: response.status)
    }
  }

  // MARK: The plan

  /// The plan's events, sent when the routine changed since they were last sent; events the plan
  /// no longer has are deleted.
  mutating func uploadPlan() throws {
    let exists = try client.send(
      "PROPFIND", planURL, headers: ["Depth": "0"],
      body: Data(
        #"<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>"#.utf8))
    if exists.status == 404 {
      try client.makeCalendar(planURL, name: request.planner.routine.name, component: "VEVENT")
      report.created.append(Self.planName + "/")
      try store.write { try $0.removeSyncItems(collection: "plan") }
    }
    // From the year's first day: every device sends the same events whatever day it first syncs.
    let from = LocalDate(year: request.today.fields.year, month: 1, day: 1)!
    let known = try store.write { try $0.syncItems("plan") }
    let bodies = PlanResources.split(request.planCalendar(from))
    for (href, body) in bodies.sorted(by: { $0.key < $1.key }) {
      let digest = PlanResources.digest(body)
      if known[href]?.digest == digest { continue }
      let url = URL(string: href, relativeTo: planURL)!.absoluteURL
      var etag = known[href]?.etag
      var response = try putPlan(url, body, etag: etag)
      if response.status == 412 {
        // Another device sent the plan: the same one, or this routine replaces it.
        let current = try client.send("GET", url)
        if current.status == 200, PlanResources.digest(String(decoding: current.body, as: UTF8.self)) == digest {
          try store.write { tx in
            try tx.saveSyncItem(SyncItem(collection: "plan", href: href, etag: current.etag, digest: digest))
          }
          continue
        }
        etag = current.etag
        response = try putPlan(url, body, etag: etag)
      }
      guard (200..<300).contains(response.status) else {
        throw SyncError.server(host: settings.host, what: "PUT \(url.path)", status: response.status)
      }
      let newEtag = try response.etag ?? client.send("GET", url).etag
      try store.write { tx in
        try tx.saveSyncItem(SyncItem(collection: "plan", href: href, etag: newEtag, digest: digest))
      }
      report.planChanges += 1
    }
    for (href, item) in known where bodies[href] == nil {
      let url = URL(string: href, relativeTo: planURL)!.absoluteURL
      let response = try client.send("DELETE", url, headers: item.etag.map { ["If-Match": $0] } ?? [:])
      guard (200..<300).contains(response.status) || response.status == 404 || response.status == 412 else {
        throw SyncError.server(host: settings.host, what: "DELETE \(url.path)", status: response.status)
      }
      try store.write { try $0.removeSyncItem(collection: "plan", href: href) }
      report.planChanges += 1
    }
  }

  func putPlan(_ url: URL, _ body: String, etag: String?) throws -> DAVClient.Response {
    let condition = etag.map { ["If-Match": $0] } ?? ["If-None-Match": "*"]
    return try client.send(
      "PUT", url, headers: condition.merging(["Content-Type": "text/calendar; charset=utf-8"]) { a, _ in a },
      body: Data(body.utf8))
  }
}
