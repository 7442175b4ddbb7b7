import Foundation
import TiptoeCore

/// `tiptoe log` in its three forms: text for people, JSON and CSV (formats in the README).
struct HistoryLog {
  let context: Context
  let events: [HistoryEvent]
  /// Ids of events taken back by an `undone` event.
  let undone: Set<Int64>

  init(context: Context, events: [HistoryEvent]) {
    self.context = context
    self.events = events
    undone = Set(events.filter { $0.kind == .undone }.compactMap(\.undoes))
  }

  func title(_ event: HistoryEvent) -> String? {
    event.exercise.map { context.routine.exercise(id: $0)?.title ?? $0 }
  }

  func iso(_ instant: Date?) -> String? {
    instant.map { ISO8601.format($0, utcOffset: context.timeZone.secondsFromGMT(for: $0)) }
  }

  /// `{"timezone": …, "events": [{id, batch, kind, exercise, title, slot, at, slotStart, until, undoes, undone,
  /// device}]}` (`device`: where sync brought it from, null for this one):
  /// every key always present (null when it does not apply), in this order; times in ISO 8601 with the local offset.
  func json(to out: some TextOutputStream) {
    var document = JSONListDocument(head: [("timezone", .string(context.zoneName))], listKey: "events", to: out)
    for event in events {
      document.append(
        .object([
          ("id", .int(Int(event.id))), ("batch", .int(Int(event.batch))), ("kind", .string(event.kind.rawValue)),
          ("exercise", .optional(event.exercise)), ("title", .optional(title(event))), ("slot", .optional(event.slot)),
          ("at", .optional(iso(event.at))), ("slotStart", .optional(iso(event.slotStart))),
          ("until", .optional(iso(event.until))), ("undoes", .optional(event.undoes.map { Int($0) })),
          ("undone", .bool(undone.contains(event.id))), ("device", .optional(event.device)),
        ]))
    }
    document.finish()
  }

  /// RFC 4180 CSV (CRLF, quoted where needed) with a header; times as local `YYYY-MM-DD HH:MM:SS`,
  /// which spreadsheets read as dates.
  func csv(to out: inout some TextOutputStream) {
    func local(_ instant: Date?) -> String? {
      guard let instant else { return nil }
      let text = ISO8601.format(instant, utcOffset: context.timeZone.secondsFromGMT(for: instant))
      return text.prefix(10) + " " + text.dropFirst(11).prefix(8)
    }
    out.write("id,batch,kind,exercise,title,slot,at,slotStart,until,undoes,undone,device\r\n")
    for event in events {
      let fields = [
        String(event.id), String(event.batch), event.kind.rawValue, event.exercise, title(event), event.slot,
        local(event.at), local(event.slotStart), local(event.until), event.undoes.map(String.init),
        undone.contains(event.id) ? "true" : "false", event.device,
      ]
      out.write(CSV.row(fields))
    }
  }

  /// One heading per local day, one line per event; `since` names the start of a filtered log.
  func text(since: String? = nil, to out: inout some TextOutputStream) {
    guard !events.isEmpty else {
      out.write(since.map { "Nothing in the history since \($0).\n" } ?? "No history yet.\n")
      return
    }
    let zone = context.timeZone
    let width = min(36, events.compactMap { title($0).map(Terminal.columns) }.max() ?? 0)
    let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var day: LocalDate?
    for event in events {
      let date = HistoryText.localDate(event.at, zone)
      if date != day {
        out.write((day == nil ? "" : "\n") + Terminal.styled(DateText.heading(date), .bold) + "\n")
        day = date
      }
      var line = "  " + Terminal.styled(String(HistoryText.clock(event.at, zone).prefix(5)), .cyan) + "  "
      line += StatusGlyph.mark(event.kind) + " " + Terminal.pad(event.kind.rawValue, 8) + " "
      line += Terminal.pad(title(event) ?? "", width)
      if let start = event.slotStart { line += "  " + HistoryText.clock(start, zone, from: date) }
      if let until = event.until { line += "  until " + HistoryText.clock(until, zone, from: date) }
      if let id = event.undoes, let target = byID[id] {
        line += "  (takes back the \(target.kind.rawValue) at \(HistoryText.clock(target.at, zone).prefix(5)))"
      }
      if undone.contains(event.id) { line += "  " + Terminal.styled("(undone)", .dim) }
      if let device = event.device { line += "  " + Terminal.styled("(from \(GuideScreen.printable(device)))", .dim) }
      out.write(line.trimmingTrailingSpaces + "\n")
    }
  }
}
