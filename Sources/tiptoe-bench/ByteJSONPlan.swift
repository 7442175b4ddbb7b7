// A byte-level writer of `tiptoe plan --json`, for `tiptoe-bench json`: the same bytes as the CLI
// prints (status from the clock alone), built to measure how fast the contract's JSON can be printed.
// It is the evidence behind the proposed PlanPrinter change in BENCHMARKS.md, not part of tiptoe.
import Foundation
import TiptoeCore

/// Standard output through a 1 MiB byte buffer.
final class ByteOutput {
  private let capacity = 1 << 20
  private let base: UnsafeMutablePointer<UInt8>
  private var count = 0

  init() { base = .allocate(capacity: capacity + 65536) }

  func append(_ bytes: [UInt8]) {
    if count + bytes.count > capacity + 65536 - 256 { flush() }
    if bytes.count > capacity { return writeAll(bytes) }
    bytes.withUnsafeBufferPointer { source in
      (base + count).update(from: source.baseAddress!, count: source.count)
      count += source.count
    }
    if count >= capacity { flush() }
  }

  func append(_ text: String) { append(Array(text.utf8)) }

  /// `count` bytes from `source` (at most 64 KiB).
  func append(_ source: UnsafePointer<UInt8>, _ length: Int) {
    if count + length > capacity { flush() }
    (base + count).update(from: source, count: length)
    count += length
  }

  func append(byte: UInt8) {
    base[count] = byte
    count += 1
  }

  /// `value` in `width` decimal digits, zero-padded.
  func append(_ value: Int, width: Int) {
    var value = value
    for position in stride(from: width - 1, through: 0, by: -1) {
      base[count + position] = UInt8(truncatingIfNeeded: 48 + value % 10)
      value /= 10
    }
    count += width
  }

  func flush() {
    var offset = 0
    while offset < count {
      let written = write(STDOUT_FILENO, base + offset, count - offset)
      if written <= 0 { break }
      offset += written
    }
    count = 0
  }

  private func writeAll(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }

  deinit {
    flush()
    base.deallocate()
  }
}

/// `{"timezone": …, "slots": [{id, exercise, title, start, minutes, status}]}` as bytes.
struct ByteJSONPlan {
  let planner: Planner
  let now: Date

  /// Where an exercise's fixed pieces lie in the arena: `{"id": "EXERCISE/`, then
  /// `", "exercise": "…", "title": "…", "start": "`, then `", "minutes": N, "status": "`.
  private struct Pieces {
    var id: (start: Int, count: Int)
    var middle: (start: Int, count: Int)
    var tail: (start: Int, count: Int)
  }

  func write(from first: LocalDate, days: Int, to out: ByteOutput) {
    let exercises = planner.routine.exercises
    var arena: [UInt8] = []
    func put(_ text: String) -> (start: Int, count: Int) {
      let start = arena.count
      arena.append(contentsOf: text.utf8)
      return (start, arena.count - start)
    }
    let pieces = exercises.map { exercise in
      Pieces(
        id: put("{\"id\": \(quote(exercise.id).dropLast())/"),
        middle: put("\", \"exercise\": \(quote(exercise.id)), \"title\": \(quote(exercise.title)), \"start\": \""),
        tail: put("\", \"minutes\": \(exercise.minutes), \"status\": \""))
    }
    let pending = put("pending\"}")
    let due = put("due\"}")
    let separator = put(",\n  ")
    let index = Dictionary(uniqueKeysWithValues: exercises.enumerated().map { ($1.id, $0) })
    let ids = exercises.map(\.id)
    let nowSeconds = now.timeIntervalSince1970
    out.append("{\"timezone\": \(quote(planner.timeZone.identifier)), \"slots\": [")
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)  // date (10 bytes), offset (6 bytes)
    defer { scratch.deallocate() }
    var isFirst = true
    arena.withUnsafeBufferPointer { arena in
      let bytes = arena.baseAddress!
      var guess = 0
      var dayNumber = Int.min
      var offsetValue = Int.min
      for slot in planner.slots(from: first, days: days) {
        // Slots of one time of day come in routine order: try the next exercise before hashing the id.
        guess = guess + 1 < ids.count ? guess + 1 : 0
        if ids[guess] != slot.exercise { guess = index[slot.exercise]! }
        let piece = pieces[guess]
        if isFirst {
          out.append("\n  ")
          isFirst = false
        } else {
          out.append(bytes + separator.start, separator.count)
        }
        let local = Int(slot.start.timeIntervalSince1970.rounded(.down)) + slot.utcOffset
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        if day != dayNumber {
          dayNumber = day
          for (offset, byte) in LocalDate(dayNumber: day).description.utf8.prefix(10).enumerated() {
            scratch[offset] = byte
          }
        }
        if slot.utcOffset != offsetValue {
          offsetValue = slot.utcOffset
          let minutes = abs(offsetValue) / 60
          let text = String(format: "%@%02d:%02d", offsetValue < 0 ? "-" : "+", minutes / 60, minutes % 60)
          for (offset, byte) in text.utf8.prefix(6).enumerated() { scratch[16 + offset] = byte }
        }
        out.append(bytes + piece.id.start, piece.id.count)
        if slot.date.dayNumber == day {
          out.append(scratch, 10)
        } else {
          out.append(slot.date.description)
        }
        out.append(byte: 47)
        out.append(slot.ordinal, width: slot.ordinal < 10 ? 1 : slot.ordinal < 100 ? 2 : 3)
        out.append(bytes + piece.middle.start, piece.middle.count)
        out.append(scratch, 10)
        out.append(byte: 84)
        let seconds = local - day * 86400
        out.append(seconds / 3600, width: 2)
        out.append(byte: 58)
        out.append(seconds / 60 % 60, width: 2)
        out.append(byte: 58)
        out.append(seconds % 60, width: 2)
        out.append(scratch + 16, 6)
        out.append(bytes + piece.tail.start, piece.tail.count)
        let status = slot.start.timeIntervalSince1970 > nowSeconds ? pending : due
        out.append(bytes + status.start, status.count)
      }
    }
    out.append(isFirst ? "]}\n" : "\n]}\n")
  }

  private func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
