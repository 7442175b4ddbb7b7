extension Exercise {
  /// The text of a calendar event's DESCRIPTION: numbered steps, the dose one item a line, the note.
  ///
  ///     1. Stand and bend your knees slightly
  ///     2. Grip the floor with your toes
  ///
  ///     Reps: 10
  ///     Hold: 3s
  ///
  ///     Warm-up.
  ///
  ///     Planned by tiptoe: 3× a day.
  public var calendarDescription: String {
    var blocks: [String] = []
    if !steps.isEmpty {
      blocks.append(steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
    }
    var dose: [String] = []
    if let reps { dose.append("Reps: \(reps)") }
    if let hold { dose.append("Hold: \(hold)") }
    if let sets { dose.append("Sets: \(sets)") }
    if let rest { dose.append("Rest: \(rest)") }
    if !dose.isEmpty { blocks.append(dose.joined(separator: "\n")) }
    if let note, !note.isEmpty { blocks.append(note) }
    blocks.append("Planned by tiptoe: \(scheduleDescription).")
    return blocks.joined(separator: "\n\n")
  }
}
