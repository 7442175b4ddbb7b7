import Foundation
import TiptoeCore

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The few CalDAV requests sync needs (RFC 4791, 4918, 6578, 7232), over `URLSession`, one at a
/// time. Certificates are checked against the system's store (URLSession's default).
struct DAVClient {
  struct Response {
    let status: Int
    let etag: String?
    let body: Data
    /// Where a redirect points.
    var location: String?
  }

  let host: String
  let authorization: String?
  let session: URLSession
  private let challenges = ChallengeDecliner()

  init(settings: SyncSettings) {
    host = settings.host
    if let username = settings.username {
      let credentials = Data("\(username):\(settings.password ?? "")".utf8).base64EncodedString()
      authorization = "Basic " + credentials
    } else {
      authorization = nil
    }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 20
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(configuration: configuration, delegate: challenges, delegateQueue: nil)
  }

  /// Sends one request and waits for the answer; 401 (and 403 where `forbiddenIsRefusal`) throw
  /// `SyncError.refused`, a network failure `.unreachable`.
  func send(
    _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil, forbiddenIsRefusal: Bool = true
  ) throws -> Response {
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body
    if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if body != nil && headers["Content-Type"] == nil {
      request.setValue("application/xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
    }
    let box = ResultBox()
    let finished = DispatchSemaphore(value: 0)
    session.dataTask(with: request) { data, response, error in
      box.result = error.map { .failure($0) } ?? .success((data ?? Data(), response))
      finished.signal()
    }.resume()
    finished.wait()
    if challenges.takeDeclined() { throw SyncError.refused(host: host, status: 401) }
    guard let result = box.result else { throw SyncError.unreachable(host: host, reason: "no answer") }
    switch result {
    case .failure(let error):
      throw SyncError.unreachable(host: host, reason: Self.describe(error))
    case .success(let (data, response)):
      guard let http = response as? HTTPURLResponse else {
        throw SyncError.unreachable(host: host, reason: "no HTTP answer")
      }
      if http.statusCode == 401 || (http.statusCode == 403 && forbiddenIsRefusal) {
        throw SyncError.refused(host: host, status: http.statusCode)
      }
      return Response(
        status: http.statusCode, etag: http.value(forHTTPHeaderField: "ETag"), body: data,
        location: http.value(forHTTPHeaderField: "Location"))
    }
  }

  private static func describe(_ error: Error) -> String {
    guard let error = error as? URLError else { return error.localizedDescription }
    switch error.code {
    case .cannotConnectToHost: return "connection refused"
    case .cannotFindHost, .dnsLookupFailed: return "unknown host"
    case .timedOut: return "no answer within 20 s"
    case .notConnectedToInternet, .networkConnectionLost: return "no network"
    case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
      .serverCertificateHasUnknownRoot, .secureConnectionFailed:
      return "its TLS certificate is not trusted by this system"
    default: return error.localizedDescription
    }
  }

  private final class ResultBox: @unchecked Sendable {
    var result: Result<(Data, URLResponse?), Error>?
  }

  /// Ends the request when the server asks for credentials (a 401 to the ones sent): without a
  /// delegate, FoundationNetworking on Linux leaves such a request waiting forever
  /// (swift-corelibs-foundation#5456). The request then fails, and `send` reports the refusal.
  ///
  /// Redirects are not followed: URLSession would repeat a PROPFIND or REPORT after a 301 or 302 as a
  /// GET. Discovery follows them itself (``principal(at:)``); elsewhere a redirect is an answer.
  private final class ChallengeDecliner: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var declined = false

    func urlSession(
      _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
      newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
      completionHandler(nil)
    }

    func urlSession(
      _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
      completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
      lock.withLock { declined = true }
      completionHandler(.cancelAuthenticationChallenge, nil)
    }

    /// Whether the last request was declined; resets it.
    func takeDeclined() -> Bool {
      lock.withLock {
        defer { declined = false }
        return declined
      }
    }
  }
}

extension DAVClient {
  /// PROPFIND with the given properties (`<D:displayname/>`-style XML), Depth 0; the answer's status
  /// and, for a 207, its multistatus.
  func propfind(_ url: URL, properties: String) throws -> (status: Int, answer: MultiStatus?, location: String?) {
    let body = """
      <?xml version="1.0" encoding="utf-8"?>
      <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">\
      <D:prop>\(properties)</D:prop></D:propfind>
      """
    let response = try send("PROPFIND", url, headers: ["Depth": "0"], body: Data(body.utf8))
    return (response.status, response.status == 207 ? MultiStatus.parse(response.body) : nil, response.location)
  }

  static let homeSet = "{urn:ietf:params:xml:ns:caldav}calendar-home-set"

  /// The calendar home: `url` itself when it is one, else found through the current user's principal
  /// (RFC 5397, RFC 4791 §6.2.1). As RFC 6764 says, a server's root is first looked up at
  /// `/.well-known/caldav`, which leads to the context path to ask for the principal (Nextcloud:
  /// `/remote.php/dav/`); so is any other URL that is no WebDAV resource (a web page of the server).
  func calendarHome(_ url: URL) throws -> URL {
    let wellKnown = URL(string: "/.well-known/caldav", relativeTo: url)!.absoluteURL
    let isRoot = url.path.isEmpty || url.path == "/"
    let found =
      try isRoot
      ? principal(at: wellKnown) ?? principal(at: url) : principal(at: url) ?? principal(at: wellKnown)
    guard let (context, answer) = found else {
      throw SyncError.server(host: host, what: "PROPFIND \(url.path) (is this a CalDAV server?)", status: 0)
    }
    let properties = answer.responses.first?.properties ?? [:]
    if let home = properties[Self.homeSet], !home.isEmpty {
      return URL(string: home, relativeTo: context)!.absoluteURL
    }
    if let principal = properties["{DAV:}current-user-principal"], !principal.isEmpty {
      let principalURL = URL(string: principal, relativeTo: context)!.absoluteURL
      if principalURL != context,
        let home = try propfind(principalURL, properties: "<C:calendar-home-set/>").answer?.responses.first?
          .properties[Self.homeSet], !home.isEmpty
      {
        return URL(string: home, relativeTo: principalURL)!.absoluteURL
      }
    }
    return context
  }

  /// The current user's principal and calendar home as `url` answers them, following its redirects
  /// (at most five): the URL that answered, and its answer; nil when none answered as WebDAV.
  func principal(at url: URL) throws -> (url: URL, answer: MultiStatus)? {
    var next: URL? = url
    for _ in 0..<5 {
      guard let current = next else { return nil }
      let properties = "<D:current-user-principal/><C:calendar-home-set/><D:resourcetype/>"
      let (status, answer, location) = try propfind(current, properties: properties)
      if let answer { return (current, answer) }
      guard (300..<400).contains(status), let location else { return nil }
      next = URL(string: location, relativeTo: current)?.absoluteURL
    }
    return nil
  }

  /// MKCALENDAR for a collection holding `component` (VEVENT or VTODO), named `name`.
  func makeCalendar(_ url: URL, name: String, component: String) throws {
    let body = """
      <?xml version="1.0" encoding="utf-8"?>
      <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>\
      <D:displayname>\(name)</D:displayname>\
      <C:supported-calendar-component-set><C:comp name="\(component)"/></C:supported-calendar-component-set>\
      </D:prop></D:set></C:mkcalendar>
      """
    let response = try send("MKCALENDAR", url, body: Data(body.utf8))
    guard (200..<300).contains(response.status) || response.status == 405 else {
      throw SyncError.server(host: host, what: "MKCALENDAR \(url.path)", status: response.status)
    }
  }

  /// RFC 6578 sync-collection: the members changed since `token` (all with an empty token).
  /// Nil when the collection does not exist; throws `.invalidToken` when the server refuses it.
  func syncCollection(_ url: URL, token: String) throws -> MultiStatus? {
    let body = """
      <?xml version="1.0" encoding="utf-8"?>
      <D:sync-collection xmlns:D="DAV:"><D:sync-token>\(Self.escape(token))</D:sync-token>\
      <D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>
      """
    let response = try send("REPORT", url, headers: ["Depth": "1"], body: Data(body.utf8), forbiddenIsRefusal: false)
    // The precondition a 403 or 409 names (RFC 6578 §3.2, RFC 3253 §3.6): `<D:valid-sync-token/>`
    // for a token the server no longer knows, `<D:supported-report/>` for a report it does not have.
    let error = String(decoding: response.body, as: UTF8.self)
    switch response.status {
    case 207:
      guard let answer = MultiStatus.parse(response.body) else {
        throw SyncError.server(host: host, what: "REPORT sync-collection (not XML)", status: 207)
      }
      return answer
    case 404: return nil
    case 403, 409:
      // With no token there is none to refuse: the report is what is refused.
      if !token.isEmpty, error.contains("valid-sync-token") || !error.contains("supported-report") {
        throw InvalidToken()
      }
      // Not the token: no sync-collection here, or no access at all, which the PROPFIND after says.
      throw NoSyncCollection()
    case 400, 405, 415, 501: throw NoSyncCollection()
    default: throw SyncError.server(host: host, what: "REPORT sync-collection \(url.path)", status: response.status)
    }
  }

  /// The collection's `getctag` (CalendarServer's extension, which changes whenever a member does),
  /// for servers without sync-collection; `exists` is false when the collection is not there.
  func ctag(_ url: URL) throws -> (exists: Bool, ctag: String?) {
    let (status, answer, _) = try propfind(url, properties: "<CS:getctag/>")
    if status == 404 { return (false, nil) }
    guard let answer else { throw SyncError.server(host: host, what: "PROPFIND \(url.path)", status: status) }
    let tag = answer.responses.first?.properties["{http://calendarserver.org/ns/}getctag"]
    return (true, tag?.isEmpty == false ? tag : nil)
  }

  /// The server refused the stored sync token (`DAV:valid-sync-token`): list everything.
  struct InvalidToken: Error {}

  /// The server does not support sync-collection: list the etags with PROPFIND.
  struct NoSyncCollection: Error {}

  /// Every member of a collection with its etag (PROPFIND Depth 1), for servers without RFC 6578.
  func etags(_ url: URL) throws -> MultiStatus {
    let body = #"<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>"#
    let response = try send("PROPFIND", url, headers: ["Depth": "1"], body: Data(body.utf8))
    guard response.status == 207, let answer = MultiStatus.parse(response.body) else {
      throw SyncError.server(host: host, what: "PROPFIND \(url.path)", status: response.status)
    }
    return answer
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
