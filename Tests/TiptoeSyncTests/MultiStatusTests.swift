import Foundation
import Testing

@testable import TiptoeSync

struct MultiStatusTests {
  /// Radicale's answer to sync-collection: a default namespace, a changed member and a removed one.
  @Test func readsMembersTheirEtagsAndTheNewTokenWhateverThePrefix() throws {
    let xml = """
      <?xml version='1.0' encoding='utf-8'?>
      <multistatus xmlns="DAV:"><response><href>/alice/tiptoe-log/toe-presses.2026-11-23.1.ics</href>\
      <propstat><prop><getetag>"abc"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response>\
      <response><href>/alice/tiptoe-log/gone%20one.ics</href><status>HTTP/1.1 404 Not Found</status></response>\
      <sync-token>http://radicale.org/ns/sync/42</sync-token></multistatus>
      """
    let answer = try #require(MultiStatus.parse(Data(xml.utf8)))
    #expect(answer.syncToken == "http://radicale.org/ns/sync/42")
    #expect(answer.responses.count == 2)
    #expect(answer.responses[0].href == "/alice/tiptoe-log/toe-presses.2026-11-23.1.ics")
    #expect(answer.responses[0].properties["{DAV:}getetag"] == "\"abc\"")
    #expect(answer.responses[1].status == 404)
    #expect(answer.responses[1].href == "/alice/tiptoe-log/gone one.ics")
  }

  @Test func readsHrefValuedPropertiesAndSkipsThoseNotFound() throws {
    let xml = """
      <D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:response><D:href>/</D:href>\
      <D:propstat><D:prop><D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal></D:prop>\
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>\
      <D:propstat><D:prop><C:calendar-home-set/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>\
      </D:response></D:multistatus>
      """
    let answer = try #require(MultiStatus.parse(Data(xml.utf8)))
    #expect(answer.responses[0].properties == ["{DAV:}current-user-principal": "/alice/"])
    #expect(MultiStatus.parse(Data("not xml".utf8)) == nil)
  }

  /// A ctag under the CalendarServer namespace, whatever its prefix (Radicale: `CS`, others `cs` or a
  /// default namespace).
  @Test func readsTheCalendarServerCtag() throws {
    let xml = """
      <multistatus xmlns="DAV:" xmlns:X="http://calendarserver.org/ns/"><response><href>/alice/tiptoe-log/</href>\
      <propstat><prop><X:getctag>"7f3e"</X:getctag></prop><status>HTTP/1.1 200 OK</status></propstat>\
      </response></multistatus>
      """
    let answer = try #require(MultiStatus.parse(Data(xml.utf8)))
    #expect(answer.responses[0].properties["{http://calendarserver.org/ns/}getctag"] == "\"7f3e\"")
  }
}
