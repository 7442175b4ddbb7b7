import CTimer
import Foundation
import Testing
import TiptoeNotify

@testable import TiptoeAgent

/// What the idle agent does to stay small: read-only file pages leave its resident set, and
/// everything reads back intact afterwards (relocated pointers included: those copies are kept).
///
/// The measurements are of mappings this test makes itself: the test process runs other suites
/// on other threads, which fault the shared code back in at any moment.
@Suite(.serialized) struct FilePagesTests {
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
  static let pages = 64

  /// A read-only mapping of a fresh file of `pages` pages, page *n* filled with byte `n`.
  func mapFile(writablePrivateCopy: Bool) throws -> UnsafeMutablePointer<UInt8> {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tiptoe-pages-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: url) }
    let bytes = (0..<Self.pages).flatMap { [UInt8](repeating: UInt8($0), count: Self.pageSize) }
    try Data(bytes).write(to: url)
    let fd = open(url.path, O_RDONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    let length = Self.pages * Self.pageSize
    let protection = writablePrivateCopy ? PROT_READ | PROT_WRITE : PROT_READ
    let address = try #require(mmap(nil, length, protection, MAP_PRIVATE, fd, 0))
    try #require(address != MAP_FAILED)
    let memory = address.assumingMemoryBound(to: UInt8.self)
    if writablePrivateCopy {
      // What the loader does to RELRO: write private copies, then make the mapping read-only.
      for page in 0..<Self.pages { memory[page * Self.pageSize] = 0xEE }
      try #require(mprotect(address, length, PROT_READ) == 0)
    }
    return memory
  }

  /// The `Rss` of the mapping that starts at `address`, in kB, from /proc/self/smaps.
  func residentKB(of address: UnsafeMutablePointer<UInt8>) throws -> Int {
    // Not String(contentsOfFile:): Foundation reads a /proc file's first page only.
    let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
    defer { try? handle.close() }
    let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    let start = String(UInt(bitPattern: address), radix: 16) + "-"
    let lines = smaps.split(separator: "\n")
    let header = try #require(lines.firstIndex { $0.hasPrefix(start) })
    let rss = try #require(lines[header...].first { $0.hasPrefix("Rss:") })
    return try #require(Int(rss.split(separator: " ", omittingEmptySubsequences: true)[1]))
  }

  func readEveryPage(_ memory: UnsafeMutablePointer<UInt8>) -> [UInt8] {
    (0..<Self.pages).map { memory[$0 * Self.pageSize + 1] }
  }

  @Test func readOnlyFilePagesLeaveTheResidentSetAndReadBackFromTheFile() throws {
    let memory = try mapFile(writablePrivateCopy: false)
    defer { munmap(memory, Self.pages * Self.pageSize) }
    #expect(readEveryPage(memory) == (0..<Self.pages).map { UInt8($0) })
    #expect(try residentKB(of: memory) == Self.pages * Self.pageSize / 1024)

    #expect(ctimer_release_file_pages() > 0)

    #expect(try residentKB(of: memory) == 0)
    #expect(readEveryPage(memory) == (0..<Self.pages).map { UInt8($0) })
  }

  @Test func privateCopiesOfAFileKeepTheirContent() throws {
    let memory = try mapFile(writablePrivateCopy: true)
    defer { munmap(memory, Self.pages * Self.pageSize) }

    #expect(ctimer_release_file_pages() > 0)

    // Discarding these pages would read the file's bytes (page n: n) back instead of the copies.
    #expect((0..<Self.pages).allSatisfy { memory[$0 * Self.pageSize] == 0xEE })
    #expect(readEveryPage(memory) == (0..<Self.pages).map { UInt8($0) })
  }

  @Test func theProcessRunsOnAfterItsOwnCodeIsReleased() throws {
    #expect(ctimer_release_file_pages() > 0)
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
