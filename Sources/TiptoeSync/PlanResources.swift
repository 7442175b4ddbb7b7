import Foundation

/// The plan as `tiptoe export` writes it, cut into one calendar resource per UID (CalDAV keeps one
/// component per resource, RFC 4791 §4.1): each with the calendar's header and VTIMEZONE.
enum PlanResources {
  /// href → body, for `calendar`.
  static func split(_ calendar: String) -> [String: String] {
    var head: [Substring] = []
    var zones: [Substring] = []
    var events: [(uid: String, lines: [Substring])] = []
    var current: [Substring]?
    var inZone = false
    for line in calendar.split(separator: "\r\n", omittingEmptySubsequences: true) {
      switch line {
      case "BEGIN:VTIMEZONE":
        inZone = true
        zones.append(line)
      case "END:VTIMEZONE":
        inZone = false
        zones.append(line)
      case "BEGIN:VEVENT": current = [line]
      case "END:VEVENT":
        if var lines = current {
          lines.append(line)
          let unfolded = SlotTodo.unfolded(lines.joined(separator: "\r\n"))
          let uid = unfolded.first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
          events.append((uid, lines))
        }
        current = nil
      case "END:VCALENDAR": break
      default:
        if inZone {
          zones.append(line)
        } else if current != nil {
          current!.append(line)
        } else {
          head.append(line)
        }
      }
    }
    var resources: [String: [Substring]] = [:]
    for event in events { resources[event.uid, default: []] += event.lines }
    var bodies: [String: String] = [:]
    for (uid, lines) in resources {
      let all = head + zones + lines + ["END:VCALENDAR"]
      bodies[href(uid)] = all.joined(separator: "\r\n") + "\r\n"
    }
    return bodies
  }

  /// `toe-presses.1@tiptoe` → `toe-presses.1.ics`.
  static func href(_ uid: String) -> String {
    let name = uid.hasSuffix("@tiptoe") ? String(uid.dropLast(7)) : uid
    let safe = name.unicodeScalars.map { scalar in
      CharacterSet.alphanumerics.contains(scalar) || "-._".unicodeScalars.contains(scalar) ? String(scalar) : "_"
    }
    return safe.joined() + ".ics"
  }

  /// A digest of `body` without DTSTAMP and SEQUENCE (which change with every export): equal
  /// digests mean the server already has this event. FNV-1a, 64 bits.
  static func digest(_ body: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for line in body.split(separator: "\r\n") where !line.hasPrefix("DTSTAMP") && !line.hasPrefix("SEQUENCE") {
      for byte in line.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0100_0000_01b3
      }
      hash ^= 0x0A
      hash = hash &* 0x0100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
