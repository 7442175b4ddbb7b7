/// Writes the contract's `plan --json` document as UTF-8 bytes:
/// `{"timezone": …, "slots": [{"id", "exercise", "title", "start", "minutes", "status"}]}`.
///
/// The pieces that repeat are encoded once per exercise and the date once
/// per day, and each slot is copied into a `ByteBuffer` in place, so a
/// year of 1,000 exercises (a million slots) prints in tens of milliseconds.
///
///     var writer = PlanJSONWriter(routine: routine, timeZoneIdentifier: "Europe/Berlin")
///     for slot in planner.slots(from: day, days: 7) { writer.append(slot, status: .pending) }
///     writer.finish()
///     writer.buffer.flush(to: standardOutput)
public struct PlanJSONWriter {
  /// The output not yet flushed.
  public let buffer = ByteBuffer(capacity: 1 << 17)
  /// Every fixed piece, back to back; `pieces` and `statuses` index into it.
  private let arena: UnsafePointer<UInt8>
  /// Owns `arena`'s memory for as long as any copy of the writer lives.
  private let arenaStorage: ByteBuffer
  /// Per exercise: `{"id": "ID/`, then `", "exercise": …, "start": "`, then `", "minutes": N, "status": "`.
  private let pieces: [(id: Range<Int>, middle: Range<Int>, tail: Range<Int>)]
  /// `STATUS"}` for each status, in `SlotStatus.allCases` order.
  private let statuses: [Range<Int>]
  private let longestPieces: Int
  private var dayNumber = Int.min
  /// The current date, `YYYY-MM-DD`, packed once a day.
  private var date: (UInt64, UInt16) = (0, 0)
  private var isFirst = true

  public init(routine: Routine, timeZoneIdentifier: String) {
    var bytes: [UInt8] = []
    func add(_ text: String) -> Range<Int> {
      let start = bytes.count
      bytes.append(contentsOf: text.utf8)
      return start..<bytes.count
    }
    pieces = routine.exercises.map { exercise in
      let id = JSONText.quote(exercise.id)
      return (
        add("{\"id\": \(id.dropLast())/"),
        add("\", \"exercise\": \(id), \"title\": \(JSONText.quote(exercise.title)), \"start\": \""),
        add("\", \"minutes\": \(exercise.minutes), \"status\": \"")
      )
    }
    statuses = SlotStatus.allCases.map { add("\($0.rawValue)\"}") }
    longestPieces = pieces.map { $0.id.count + $0.middle.count + $0.tail.count }.max() ?? 0
    let storage = ByteBuffer(capacity: max(1, bytes.count))
    bytes.withUnsafeBufferPointer { bytes in storage.write(maximum: bytes.count) { $0.put(bytes) } }
    arenaStorage = storage
    arena = storage.baseAddress
    buffer.append("{\"timezone\": \(JSONText.quote(timeZoneIdentifier)), \"slots\": [")
  }

  /// Appends one slot, planned by a `Planner` of the same routine.
  ///
  /// Nothing here is reference-counted per slot (no arrays or closures capturing them): at a
  /// million slots, retains and releases were four tenths of the time.
  public mutating func append(_ slot: Slot, status: SlotStatus) {
    if slot.date.dayNumber != dayNumber {
      dayNumber = slot.date.dayNumber
      date = PackedText.ten(slot.date.description)
    }
    let (day, time) = ISO8601.localDateTime(slot.start, utcOffset: slot.utcOffset)
    let start = day == slot.date ? date : PackedText.ten(day.description)  // a gap can move a slot past midnight
    let piece = pieces[slot.exerciseIndex]
    let state = statuses[status.position]
    let (date, isFirst) = (date, isFirst)
    self.isFirst = false
    let arena = self.arena
    buffer.write(maximum: longestPieces + 90) { out in
      if !isFirst { out.put(44) }  // ","
      out.put(10)
      out.put(32)
      out.put(32)
      out.put(arena + piece.id.lowerBound, count: piece.id.count)
      out.put(date)
      out.put(47)  // "/"
      out.put(slot.ordinal, digits: slot.ordinal < 10 ? 1 : slot.ordinal < 100 ? 2 : 3)
      out.put(arena + piece.middle.lowerBound, count: piece.middle.count)
      out.put(start)
      out.put(84)  // "T"
      out.put2(time.hour)
      out.put(58)
      out.put2(time.minute)
      out.put(58)
      out.put2(time.second)
      let minutes = abs(slot.utcOffset) / 60
      out.put(slot.utcOffset < 0 ? 45 : 43)  // "-" or "+"
      out.put2(minutes / 60)
      out.put(58)
      out.put2(minutes % 60)
      out.put(arena + piece.tail.lowerBound, count: piece.tail.count)
      out.put(arena + state.lowerBound, count: state.count)
    }
  }

  /// Closes the document (with a final newline).
  public func finish() {
    buffer.append(isFirst ? "]}\n" : "\n]}\n")
  }
}

extension SlotStatus {
  /// The position in `allCases`, without building that array.
  fileprivate var position: Int {
    switch self {
    case .pending: 0
    case .due: 1
    case .done: 2
    case .skipped: 3
    case .snoozed: 4
    case .missed: 5
    }
  }
}
