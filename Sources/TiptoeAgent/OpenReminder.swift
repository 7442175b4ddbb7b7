import TiptoeCore
import TiptoeNotify

/// A reminder on screen (or printed, when there is no server): which slots it stands for.
final class OpenReminder {
  var slots: [Slot]
  var kind: ReminderKind
  var canSnooze: Bool
  /// Nil when it went to stderr.
  let notification: (any AgentNotification)?

  init(slots: [Slot], kind: ReminderKind, canSnooze: Bool, notification: (any AgentNotification)?) {
    self.slots = slots
    self.kind = kind
    self.canSnooze = canSnooze
    self.notification = notification
  }

  var reminder: Reminder { Reminder(kind: kind, slots: slots, canSnooze: canSnooze) }
  var slotIDs: Set<String> { Set(slots.map(\.id)) }
  /// `toe-presses/2026-11-23/2, toe-walking/2026-11-23/1`.
  var label: String { slots.map(\.id).joined(separator: ", ") }
}
