import ArgumentParser
import Foundation
import TiptoeCore

extension Tiptoe {
  /// `tiptoe export`: the plan as an iCalendar file, for Google, Outlook, Apple, Thunderbird, GNOME.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write the plan as an iCalendar (.ics) file to import into a calendar.",
      discussion: """
        One recurring event per exercise and time of day, starting on --from (default: today). \
        With --expand, one event per slot for --days days instead, for calendars that handle \
        repeating events badly. Re-importing a newer export updates the events instead of adding copies.
        Several routines make one calendar each: -o DIR/ writes <routine file name>.ics for each into DIR \
        (created when the name ends in /); --routine FILE exports one.
        Examples: tiptoe export -o ~/tiptoe.ics · tiptoe export -o ~/calendars/
        """)

    @OptionGroup var global: GlobalOptions

    @Option(
      name: [.customShort("o"), .customLong("output")],
      help: ArgumentHelp(
        "Write to this file (replaced atomically; a FIFO or terminal is written in place; - is standard output); "
          + "with several routines, a folder (DIR/) for one file each.",
        valueName: "file"))
    var output: String?

    @Option(
      help: ArgumentHelp("First day, YYYY-MM-DD (default: today).", valueName: "date"), transform: LocalDate.argument)
    var from: LocalDate?

    @Flag(help: "One event per slot instead of repeating events.")
    var expand = false

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("With --expand: how many days (1 to 3660; default 365).", valueName: "n"))
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
      let first = from ?? context.today
      guard context.routine.parts.count < 2 else { return try writeEach(context, from: first) }
      let write = { (out: inout FileStream) in
        writeCalendar(context.planner, zoneName: context.zoneName, context, from: first, to: &out)
      }
      guard let path = output, path != "-" else {
        var out = FileStream(descriptor: STDOUT_FILENO)
        write(&out)
        if let error = out.error {
          throw CLIError.io("cannot write to standard output: \(String(cString: strerror(error)))")
        }
        return
      }
      if var out = try Self.openInPlace(path) {
        defer { close(out.descriptor) }
        write(&out)
        if let error = out.error { throw AtomicFile.failure(path, error) }
        return
      }
      let file = try AtomicFile(path: path)
      var out = file.stream
      write(&out)
      try file.commit()
      print("Wrote \(path): \(summary(of: context.routine, from: first)), \(context.zoneName).")
    }

    /// Writes the calendar of `planner`'s routine; the VTIMEZONE's TZNAMEs come from the system's
    /// time-zone data (CET, not Foundation's GMT+1).
    private func writeCalendar(
      _ planner: Planner, zoneName: String, _ context: Context, from first: LocalDate, to out: inout FileStream
    ) {
      var exporter = ICalendarExporter(planner: planner, stamp: context.now, alarms: !noAlarms)
      let events: ICalendarExporter.Events = expand ? .instances(days: days ?? 365) : .series
      SystemZone.withNames(of: zoneName) { names in
        exporter.zoneNames = names
        exporter.write(events, from: first, to: &out)
      }
    }

    /// `5 exercises as repeating events from Mon 23 Nov 2026`.
    private func summary(of routine: Routine, from first: LocalDate) -> String {
      let what = expand ? "single events for \(days ?? 365) days" : "repeating events"
      return "\(RoutineCommand.count(routine.exercises.count, "exercise")) as \(what) from \(DateText.heading(first))"
    }

    /// Several routines: one calendar each, `<file stem>.ics` in the folder `-o` names, each in its
    /// routine's zone (else the plan's; `--tz` for all). Every file is written in full before any
    /// replaces an older one; anything else than a folder is refused.
    private func writeEach(_ context: Context, from first: LocalDate) throws {
      let parts = context.routine.parts
      // Each in the zone its routine is planned in.
      let (zoneNames, zones) = (context.partZones.map(\.name), context.partZones.map(\.zone))
      let files = context.routineFiles
      let names = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent + ".ics" }
      if let clash = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
        let other = files[names.firstIndex(of: names[clash])!]
        throw CLIError.usage(
          "\(files[clash]) and \(other) would both be written to \(names[clash]); rename one of them, or export "
            + "one at a time with --routine FILE -o FILE")
      }
      guard let output, let folder = try Self.folder(output) else {
        let list = zip(parts, files).map { "\($0.name) (\($1))" }.joined(separator: ", ")
        throw CLIError.usage(
          "\(parts.count) routines make \(parts.count) calendars: \(list); write one file each into a folder with "
            + "-o DIR/ (example: tiptoe export -o ~/calendars/), or export one with --routine FILE "
            + "(example: tiptoe export --routine \(files[1]) -o \(names[1]))")
      }
      var written: [AtomicFile] = []
      do {
        for (index, part) in parts.enumerated() {
          let file = try AtomicFile(path: folder.path + "/" + names[index])
          written.append(file)
          var out = file.stream
          let planner = Planner(routine: part, timeZone: zones[index])
          writeCalendar(planner, zoneName: zoneNames[index], context, from: first, to: &out)
          if let error = out.error { throw AtomicFile.failure(file.path, error) }
        }
        for file in written { try file.commit() }
      } catch {
        for file in written { file.discard() }
        folder.discard()
        throw error
      }
      for (index, part) in parts.enumerated() {
        print("Wrote \(written[index].path): \(part.name), \(summary(of: part, from: first)), \(zoneNames[index]).")
      }
    }
  }
}

/// The folder several calendars are written into: an existing one, or a path ending in `/` made for them.
private struct OutputFolder {
  let path: String
  /// Whether this export made it (and so removes it again when it fails).
  let made: Bool

  /// Removes the folder if this export made it: a failed export leaves nothing behind.
  func discard() { if made { rmdir(path) } }
}

extension Tiptoe.Export {
  /// The folder `-o` names, made when it ends in `/` and is missing; nil when it names no folder.
  fileprivate static func folder(_ output: String) throws -> OutputFolder? {
    let trimmed = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
    var status = stat()
    if stat(output, &status) == 0 {
      return status.st_mode & S_IFMT == S_IFDIR ? OutputFolder(path: trimmed, made: false) : nil
    }
    guard output.hasSuffix("/") else { return nil }
    guard mkdir(trimmed, 0o777) == 0 else { throw AtomicFile.failure(output, errno) }
    return OutputFolder(path: trimmed, made: true)
  }
}

extension Tiptoe.Export {
  /// A FIFO, a terminal or another character device (`/dev/stdout`, `/dev/null`) at `path`, opened to
  /// be written in place as a shell's `>` would: nil for a regular file or nothing (replaced
  /// atomically). Anything else (a directory, a socket, a block device) is refused, and nothing replaces it.
  fileprivate static func openInPlace(_ path: String) throws -> FileStream? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      return nil
    case S_IFIFO, S_IFCHR:
      let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
      guard descriptor >= 0 else { throw AtomicFile.failure(path, errno) }
      return FileStream(descriptor: descriptor)
    default:
      throw CLIError.io(
        "cannot write \(path): not a regular file, a FIFO or a terminal; nothing was written (example: -o tiptoe.ics)")
    }
  }
}

/// A file replaced all at once: written to a temporary file beside it, then renamed over it.
///
/// Any failure removes the temporary file, so the target is either the old
/// file or the complete new one, never a part.
private final class AtomicFile {
  /// The path as given, for messages.
  let path: String
  /// The file replaced: `path`, or what it links to when it is a symbolic link.
  let target: String
  let temporaryPath: String
  let stream: FileStream
  private var committed = false

  init(path: String) throws {
    self.path = path
    if let resolved = realpath(path, nil) {
      target = String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
      free(resolved)
    } else {
      target = path
    }
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/." + url.lastPathComponent + ".tiptoe-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw AtomicFile.failure(path, errno) }
    temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    stream = FileStream(descriptor: descriptor)
  }

  deinit {
    close(stream.descriptor)
    discard()
  }

  /// Removes the temporary file unless it has replaced the target.
  func discard() {
    if !committed { unlink(temporaryPath) }
    committed = true
  }

  /// Gives the file the usual permissions and renames it over the target.
  func commit() throws {
    if let error = stream.error { throw AtomicFile.failure(path, error) }
    // mkstemp makes the file 0600: use the target's mode when it exists, else 0666 less the umask.
    var status = stat()
    let mode: mode_t
    if stat(target, &status) == 0 {
      mode = status.st_mode & 0o7777
    } else {
      let mask = umask(0)
      umask(mask)
      mode = 0o666 & ~mask
    }
    // No fsync: readers and failures see the old file or the whole new one, which is the promise; surviving a
    // power cut right after would cost ~5 ms more than the export itself, for a file one command rebuilds.
    guard fchmod(stream.descriptor, mode) == 0 else { throw AtomicFile.failure(path, errno) }
    guard rename(temporaryPath, target) == 0 else { throw AtomicFile.failure(path, errno) }
    committed = true
  }

  static func failure(_ path: String, _ code: Int32) -> CLIError {
    CLIError.io("cannot write \(path): \(String(cString: strerror(code))); nothing was written")
  }
}

/// A `TextOutputStream` onto a file descriptor that remembers the first write error.
private final class FileStream: TextOutputStream, UTF8Sink {
  let descriptor: Int32
  private(set) var error: Int32?

  init(descriptor: Int32) { self.descriptor = descriptor }

  func write(_ string: String) {
    var text = string
    text.withUTF8 { write(utf8: $0) }
  }

  func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard error == nil, let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else {
        error = written < 0 ? errno : EIO
        return
      }
      offset += written
    }
  }
}
