import Foundation
import TiptoeCore

/// A fresh directory per test, removed when the value goes away.
final class TemporaryDirectory {
  let path: String

  init() {
    var template = Array((NSTemporaryDirectory() + "/tiptoe-store-XXXXXX").utf8CString)
    path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The history file inside a `state/tiptoe` folder that does not exist yet.
  var historyPath: String { path + "/state/tiptoe/tiptoe.sqlite" }
}

func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

func slot(_ exercise: String, _ iso: String, ordinal: Int = 1) -> Slot {
  let start = instant(iso)
  let (date, time) = ISO8601.localDateTime(start, utcOffset: 3600)
  return Slot(exercise: exercise, date: date, ordinal: ordinal, time: time, start: start, utcOffset: 3600)
}

func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

func mode(_ path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
}

/// Runs `sqlite3` on `path` with `sql` (the real command-line shell, to make files tiptoe did not).
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = [path, sql]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  process.waitUntilExit()
  return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
}
