import TiptoeCore

/// The one table of marks and colours for what became of a slot: the plan and the overview mark
/// slot statuses with it, `log` the events that decided them, so `done` looks the same everywhere.
enum StatusGlyph {
  /// By the name a slot status and an event kind share (`done`, `skipped`, `snoozed`, `missed`), or
  /// the event kind's own.
  private static let table: [String: (mark: String, style: Terminal.Style)] = [
    "done": ("✓", .green), "skipped": ("–", .dim), "snoozed": ("z", .yellow), "missed": ("✗", .red),
    "due": ("•", .yellow), "fired": ("•", .blue), "undone": ("↶", .dim), "paused": ("‖", .dim),
    "resumed": ("▸", .dim), "goal-met": ("=", .green),
  ]

  /// The mark of a slot status; a space for `pending`.
  static func mark(_ status: SlotStatus) -> String { styled(status.rawValue, mark: true) ?? " " }

  /// The mark of a history event.
  static func mark(_ kind: EventKind) -> String { styled(kind.rawValue, mark: true) ?? " " }

  /// The status in a word, coloured as its mark; empty for `pending`.
  static func word(_ status: SlotStatus) -> String { styled(status.rawValue, mark: false) ?? "" }

  private static func styled(_ name: String, mark: Bool) -> String? {
    table[name].map { Terminal.styled(mark ? $0.mark : name.replacingOccurrences(of: "-", with: " "), $0.style) }
  }
}
