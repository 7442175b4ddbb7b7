import CTimer
import Foundation
import Testing
import TiptoeNotify

@testable import TiptoeAgent

/// What the idle agent does to stay small: its code and constants leave its resident set, and
/// everything still works afterwards (relocated pointers included: those mappings are kept).
@Suite(.serialized) struct FilePagesTests {
  /// `RssFile` of this process, in kB.
  func residentFileKB() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssFile:") })
    return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
  }

  @Test func releasedPagesLeaveTheResidentSetAndComeBackIntact() throws {
    let before = try residentFileKB()
    #expect(ctimer_release_file_pages() > 0)
    let after = try residentFileKB()
    #expect(after < before / 2, "RssFile \(before) kB → \(after) kB")
    // Code, constant data, protocol witnesses, type metadata, GLib: all read back on demand.
    #expect(String(describing: [3, 1, 2].sorted()) == "[1, 2, 3]")
    #expect(Set(["b", "a"]).sorted().joined() == "ab")
    #expect(ReminderText.list(["A", "B", "C"]) == "A, B and C")
    #expect(Markup.escape("a & b") == "a &amp; b")
    let loop = MainLoop()
    var ran = false
    loop.soon {
      ran = true
      loop.quit()
    }
    loop.run()
    #expect(ran)
  }
}
