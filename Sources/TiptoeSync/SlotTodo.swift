import Foundation
import TiptoeCore

/// One slot as a VTODO in the `tiptoe-log/` collection, written by every device and by task apps:
/// `STATUS` says what a task app shows, `X-TIPTOE-OUTCOME` what tiptoe wrote, so a change made by
/// another app (the two disagree) is recognised as that app's.
struct SlotTodo: Equatable {
  var slot: String
  var action: SlotAction?

  init(slot: String, action: SlotAction?) {
    self.slot = slot
    self.action = action
  }

  /// The name of the device for changes made by other CalDAV apps (a phone's task app).
  static let otherApp = "caldav"

  /// The resource's name in the collection: `toe-presses.2026-11-23.1.ics`.
  static func href(of slot: String) -> String { slot.replacingOccurrences(of: "/", with: ".") + ".ics" }

  /// The VTODO text for `slot` holding `action` (nil: not decided yet); `zone` is the VTIMEZONE's lines.
  static func calendar(
    _ slot: Slot, title: String, action: SlotAction?, device: String, now: Date, zoneName: String,
    zone: ContentLines
  ) -> String {
    var lines = ContentLines()
    lines.line("BEGIN", "VCALENDAR")
    lines.line("VERSION", "2.0")
    lines.line("PRODID", text: "-//tiptoe//tiptoe sync//EN")
    lines.append(lines: zone)
    lines.line("BEGIN", "VTODO")
    lines.line("UID", text: slot.id.replacingOccurrences(of: "/", with: ".") + ".log@tiptoe")
    lines.name("DTSTAMP")
    lines.beginValue()
    lines.utcDateTime(now)
    lines.end()
    lines.line("SUMMARY", text: title)
    lines.name("DUE")
    lines.parameter("TZID", zoneName)
    lines.beginValue()
    lines.localDateTime(localSeconds: Int(slot.start.timeIntervalSince1970) + slot.utcOffset)
    lines.end()
    switch action?.outcome {
    case .done?:
      lines.line("STATUS", "COMPLETED")
      lines.line("PERCENT-COMPLETE", "100")
      utc("COMPLETED", action!.at, &lines)
    case .skipped?: lines.line("STATUS", "CANCELLED")
    case .undone?, nil: lines.line("STATUS", "NEEDS-ACTION")
    }
    utc("LAST-MODIFIED", action?.at ?? now, &lines)
    lines.line("X-TIPTOE-SLOT", text: slot.id)
    lines.line("X-TIPTOE-DEVICE", text: action?.device ?? device)
    lines.line("X-TIPTOE-OUTCOME", action?.outcome.rawValue ?? "none")
    lines.line("END", "VTODO")
    lines.line("END", "VCALENDAR")
    return String(decoding: lines.bytes, as: UTF8.self)
  }

  private static func utc(_ name: String, _ instant: Date, _ lines: inout ContentLines) {
    lines.name(name)
    lines.beginValue()
    lines.utcDateTime(instant)
    lines.end()
  }

  /// Reads a VTODO written by tiptoe or changed by another app; nil when it holds no tiptoe slot.
  init?(calendar text: String) {
    var properties: [String: String] = [:]
    var inTodo = false
    for line in Self.unfolded(text) {
      let (name, value) = Self.split(line)
      if name == "BEGIN" && value.uppercased() == "VTODO" { inTodo = true }
      if name == "END" && value.uppercased() == "VTODO" { break }
      if inTodo && properties[name] == nil { properties[name] = value }
    }
    guard let slot = properties["X-TIPTOE-SLOT"].map(Self.unescape), !slot.isEmpty else { return nil }
    self.slot = slot
    let status: SlotAction.Outcome? =
      switch properties["STATUS"]?.uppercased() {
      case "COMPLETED": .done
      case "CANCELLED": .skipped
      default: nil
      }
    let written = properties["X-TIPTOE-OUTCOME"].flatMap(SlotAction.Outcome.init(rawValue:))
    let modified = properties["LAST-MODIFIED"].flatMap(Self.instant)
    if status == written || (status == nil && written == .undone) {
      // As tiptoe wrote it.
      guard let written, let modified else { return }
      action = SlotAction(outcome: written, at: modified, device: properties["X-TIPTOE-DEVICE"].map(Self.unescape))
    } else {
      // Another app changed STATUS: its time is the newest it wrote.
      let times = ["COMPLETED", "LAST-MODIFIED", "DTSTAMP"].compactMap { properties[$0].flatMap(Self.instant) }
      guard let at = times.max() else { return }
      action = SlotAction(outcome: status ?? .undone, at: at, device: Self.otherApp)
    }
  }

  /// Content lines with folding undone (RFC 5545 §3.1).
  static func unfolded(_ text: String) -> [String] {
    var lines: [String] = []
    for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      var line = String(raw)
      if line.hasSuffix("\r") { line.removeLast() }
      if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
        lines[lines.count - 1] += line.dropFirst()
      } else {
        lines.append(line)
      }
    }
    return lines
  }

  /// The upper-cased name and the value of a content line (parameters dropped).
  static func split(_ line: String) -> (String, String) {
    var quoted = false
    for index in line.indices {
      switch line[index] {
      case "\"": quoted.toggle()
      case ":" where !quoted:
        let head = line[..<index]
        let name = head.prefix { $0 != ";" }.uppercased()
        return (name, String(line[line.index(after: index)...]))
      default: break
      }
    }
    return (line.uppercased(), "")
  }

  /// A TEXT value unescaped.
  static func unescape(_ value: String) -> String {
    var out = ""
    var escaped = false
    for character in value {
      if escaped {
        out.append(character == "n" || character == "N" ? "\n" : character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    return out
  }

  /// A UTC DATE-TIME, `20261123T081000Z`.
  static func instant(_ value: String) -> Date? {
    let digits = Array(value.utf8)
    guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
    let text = String(value)
    func part(_ from: Int, _ count: Int) -> Substring {
      text.dropFirst(from).prefix(count)
    }
    let iso = "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))Z"
    return ISO8601.instant(iso, strict: true)
  }
}
