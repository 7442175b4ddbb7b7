import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A WebDAV multistatus answer (RFC 4918 §13), read with a namespace-aware parser: servers choose
/// their own prefixes (Radicale uses a default namespace), so names are matched as `{namespace}name`.
struct MultiStatus {
  struct Response {
    var href = ""
    /// The response's own status code (RFC 6578: 404 for a member removed since the token).
    var status: Int?
    /// Properties found (`{DAV:}getetag` → its text; a property holding an href → that href).
    var properties: [String: String] = [:]
  }

  var responses: [Response] = []
  /// RFC 6578's new token.
  var syncToken: String?

  /// Parses `data`; nil when it is not XML.
  static func parse(_ data: Data) -> MultiStatus? {
    let reader = Reader()
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    parser.delegate = reader
    guard parser.parse() else { return nil }
    return reader.result
  }

  /// The code in a status line: `HTTP/1.1 404 Not Found` → 404.
  static func code(_ line: String) -> Int? {
    line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
  }

  private final class Reader: NSObject, XMLParserDelegate {
    var result = MultiStatus()
    var path: [String] = []
    var text = ""
    var response: Response?
    var propstat: [String: String] = [:]
    var propstatStatus: Int?

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let element = "{\(namespaceURI ?? "")}\(name)"
      path.append(element)
      text = ""
      switch element {
      case "{DAV:}response": response = Response()
      case "{DAV:}propstat":
        propstat = [:]
        propstatStatus = nil
      default: break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      let element = path.removeLast()
      let parent = path.last ?? ""
      let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
      switch (element, parent) {
      case ("{DAV:}href", "{DAV:}response"): response?.href = value.removingPercentEncoding ?? value
      case ("{DAV:}status", "{DAV:}response"): response?.status = MultiStatus.code(value)
      case ("{DAV:}status", "{DAV:}propstat"): propstatStatus = MultiStatus.code(value)
      case ("{DAV:}sync-token", "{DAV:}multistatus"): result.syncToken = value
      case ("{DAV:}propstat", _):
        if (propstatStatus ?? 200) < 300 { response?.properties.merge(propstat) { _, new in new } }
      case ("{DAV:}response", _):
        if let response { result.responses.append(response) }
        response = nil
      case ("{DAV:}href", _) where path.count >= 2 && path[path.count - 2] == "{DAV:}prop":
        propstat[parent] = value  // e.g. current-user-principal's href
      case (_, "{DAV:}prop"):
        if propstat[element] == nil { propstat[element] = value }
      default: break
      }
      text = ""
    }
  }
}
