import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe export`: the plan as an iCalendar file, for Google, Outlook, Apple, Thunderbird, GNOME.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the plan as an iCalendar (.ics) file to import into a calendar.",
      discussion: """
        One recurring event per exercise and time of day, starting on --from (default: today). \
        With --expand, one event per slot for --days days instead, for calendars that handle \
        repeating events badly. Re-importing a newer export updates the events instead of adding copies.
        Example: tiptoe export -o ~/tiptoe.ics
        """)

    @OptionGroup var global: GlobalOptions

    @Option(
      name: [.customShort("o"), .customLong("output")],
      help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("First day, YYYY-MM-DD (default: today).", valueName: "date"))
    var from: LocalDate?

    @Flag(help: "One event per slot instead of repeating events.")
    var expand = false

    @Option(help: ArgumentHelp("With --expand: how many days (1 to 3660; default 365).", valueName: "n"))
    var days: Int?

    @Flag(name: .customLong("no-alarms"), help: "Leave out the alarms (VALARM) on the events.")
    var noAlarms = false

    func validate() throws {
      if let days {
        guard expand else { throw ValidationError("--days needs --expand (example: tiptoe export --expand --days 30)") }
        guard (1...3660).contains(days) else {
          throw ValidationError("--days must be from 1 to 3660 (example: --expand --days 30), not \(days)")
        }
      }
      if output == "" { throw ValidationError("-o needs a file name (example: -o tiptoe.ics)") }
    }

    func run() throws {
      let context = try global.context()
      let exporter = ICalendarExporter(planner: context.planner, stamp: context.now, alarms: !noAlarms)
      let events: ICalendarExporter.Events = expand ? .instances(days: days ?? 365) : .series
      let first = from ?? context.today
      guard let path = output, path != "-" else {
        var out = StandardOutput()
        exporter.write(events, from: first, to: &out)
        out.flush()
        return
      }
      let file = try AtomicFile(path: path)
      var out = file.stream
      exporter.write(events, from: first, to: &out)
      try file.commit()
    }
  }
}

/// A file replaced all at once: written to a temporary file beside it, then renamed over it.
///
/// Any failure removes the temporary file, so the target is either the old
/// file or the complete new one, never a part.
private final class AtomicFile {
  let path: String
  let temporaryPath: String
  let stream: Stream
  private var committed = false

  init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/." + url.lastPathComponent + ".tiptoe-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw AtomicFile.failure(path, errno) }
    temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    stream = Stream(descriptor: descriptor)
  }

  deinit {
    if !committed { unlink(temporaryPath) }
    stream.close()
  }

  /// Flushes, syncs, gives the file the usual permissions and renames it over the target.
  func commit() throws {
    stream.flush()
    if let error = stream.error { throw AtomicFile.failure(path, error) }
    // mkstemp makes the file 0600: use the target's mode when it exists, else 0666 less the umask.
    var status = stat()
    let mode: mode_t
    if stat(path, &status) == 0 {
      mode = status.st_mode & 0o7777
    } else {
      let mask = umask(0)
      umask(mask)
      mode = 0o666 & ~mask
    }
    guard fchmod(stream.descriptor, mode) == 0, fsync(stream.descriptor) == 0 else {
      throw AtomicFile.failure(path, errno)
    }
    guard rename(temporaryPath, path) == 0 else { throw AtomicFile.failure(path, errno) }
    committed = true
  }

  static func failure(_ path: String, _ code: Int32) -> CLIError {
    CLIError.io("cannot write \(path): \(String(cString: strerror(code))); nothing was written")
  }

  /// A `TextOutputStream` onto a file descriptor that remembers the first write error.
  final class Stream: TextOutputStream {
    let descriptor: Int32
    private(set) var error: Int32?
    private var isOpen = true

    init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ string: String) {
      guard error == nil else { return }
      var text = string
      text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
          let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
          if written < 0 && errno == EINTR { continue }
          guard written > 0 else {
            error = written < 0 ? errno : EIO
            return
          }
          offset += written
        }
      }
    }

    func flush() {}

    func close() {
      if isOpen { Foundation.close(descriptor) }
      isOpen = false
    }
  }
}
