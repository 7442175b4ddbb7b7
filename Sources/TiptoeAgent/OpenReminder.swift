import Foundation
import TiptoeCore
import TiptoeNotify

/// A reminder on screen (or printed, when there is no server): which slots it stands for.
package final class OpenReminder {
  package var slots: [Slot]
  var kind: ReminderKind
  var canSnooze: Bool
  /// Nil when it went to stderr.
  package let notification: (any AgentNotification)?
  /// Its own stack tag, unlike any other notification's: a server that stacks by tag replaces a popup
  /// with the same tag, even one whose id never came back to an earlier run (killed mid-`Notify`).
  let tag: String

  init(
    slots: [Slot], kind: ReminderKind, canSnooze: Bool, notification: (any AgentNotification)?,
    tag: String = "tiptoe-" + UUID().uuidString.lowercased()
  ) {
    self.slots = slots
    self.kind = kind
    self.canSnooze = canSnooze
    self.notification = notification
    self.tag = tag
  }

  var reminder: Reminder { Reminder(kind: kind, slots: slots, canSnooze: canSnooze) }
  var slotIDs: Set<String> { Set(slots.map(\.id)) }
  /// `toe-presses/2026-11-23/2, toe-walking/2026-11-23/1`.
  var label: String { slots.map(\.id).joined(separator: ", ") }
}
