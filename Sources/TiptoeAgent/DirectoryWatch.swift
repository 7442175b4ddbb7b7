import CLinux
import Foundation
import TiptoeService

/// Watches directories with inotify on the main loop, and reports the names of files that changed.
final class DirectoryWatch {
  private let fd: Int32
  private unowned let loop: MainLoop
  private var source: UInt32 = 0
  private var directories: [Int32: String] = [:]
  private let handler: ([(directory: String, name: String)]) -> Void

  init(loop: MainLoop, handler: @escaping ([(directory: String, name: String)]) -> Void) throws {
    fd = clinux_inotify_create()
    guard fd >= 0 else { throw AgentError.system(call: "inotify_init1", errno: errno) }
    self.handler = handler
    self.loop = loop
    source = loop.watch(fd: fd) { [unowned self] in drain() }
  }

  deinit {
    loop.remove(source)
    close(fd)
  }

  /// Adds `directory` (which must exist); throws when it cannot be watched.
  func add(_ directory: String) throws {
    let watch = clinux_inotify_watch(fd, directory)
    guard watch >= 0 else { throw AgentError.system(call: "inotify_add_watch \(directory)", errno: errno) }
    directories[watch] = directory
  }

  private func drain() {
    final class Collected {
      var changes: [(watch: Int32, name: String)] = []
    }
    let collected = Collected()
    _ = clinux_inotify_drain(
      fd,
      { watch, mask, name, context in
        let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
        // A dropped queue means anything may have changed: report every directory.
        collected.changes.append((clinux_inotify_overflowed(mask) != 0 ? -1 : watch, String(cString: name!)))
      }, Unmanaged.passUnretained(collected).toOpaque())
    guard !collected.changes.isEmpty else { return }
    var changes: [(directory: String, name: String)] = []
    for change in collected.changes {
      if change.watch == -1 {
        changes += directories.values.map { ($0, "") }
      } else if let directory = directories[change.watch] {
        changes.append((directory, change.name))
      }
    }
    handler(changes)
  }
}
