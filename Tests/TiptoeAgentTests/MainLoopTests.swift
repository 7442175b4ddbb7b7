import Foundation
import Testing

@testable import TiptoeAgent

/// The agent's event sources with real kernel objects: a timerfd and inotify on a GLib main loop.
/// One at a time: they share GLib's default main context.
@Suite(.serialized) struct MainLoopTests {
  @Test func theWakeTimerFiresAtTheInstantItIsArmedFor() throws {
    let loop = MainLoop()
    var fired: (WakeTimer.Event, Date)?
    let timer = try WakeTimer(loop: loop) { event in
      fired = (event, Date())
      loop.quit()
    }
    let target = Date().addingTimeInterval(0.3)
    try timer.arm(at: target)
    loop.run()
    let (event, at) = try #require(fired)
    guard case .expired = event else {
      Issue.record("expected expiry, got \(event)")
      return
    }
    #expect(at >= target)
    #expect(at.timeIntervalSince(target) < 0.1)
  }

  @Test func anInstantInThePastFiresAtOnce() throws {
    let loop = MainLoop()
    var count = 0
    let timer = try WakeTimer(loop: loop) { _ in
      count += 1
      loop.quit()
    }
    try timer.arm(at: Date().addingTimeInterval(-60))
    loop.run()
    #expect(count == 1)
  }

  @Test func theDirectoryWatchNamesTheFileThatChanged() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiptoe-watch-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let loop = MainLoop()
    var names: [String] = []
    let watch = try DirectoryWatch(loop: loop) { changes in
      names += changes.map(\.name)
      loop.quit()
    }
    try watch.add(directory.path)
    try Data("x".utf8).write(to: directory.appendingPathComponent("tiptoe.sqlite-wal"))
    loop.run()
    #expect(names.contains("tiptoe.sqlite-wal"))
  }

  @Test func soonRunsOnceForSeveralRequests() {
    let loop = MainLoop()
    var runs = 0
    loop.soon { runs += 1 }
    loop.soon {
      runs += 10
      loop.quit()
    }
    loop.run()
    #expect(runs == 10, "the last request replaces the earlier one")
  }
}
