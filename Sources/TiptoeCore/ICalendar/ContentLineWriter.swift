/// Writes iCalendar content lines to a `TextOutputStream`, in chunks of about 64 KiB.
///
/// Build each line in `lines` (see `ContentLines`), then call `lineEnded()`
/// so a full chunk goes out; `flush()` writes the rest.
///
///     var text = ""
///     var writer = ContentLineWriter(to: text)
///     writer.lines.line("SUMMARY", text: "Toe presses, then rest")
///     writer.flush()
///     text = writer.output  // "SUMMARY:Toe presses\\, then rest\r\n"
public struct ContentLineWriter<Output: TextOutputStream> {
  /// Bytes are handed to the output once this many are pending.
  public static var chunkSize: Int { 65536 }

  /// Where the text goes.
  public private(set) var output: Output
  /// The lines not yet written out.
  public var lines = ContentLines(capacity: 65536 + 4096)

  public init(to output: Output) { self.output = output }

  /// Writes the pending lines out when they fill a chunk; call it between lines.
  public mutating func lineEnded() {
    if lines.bytes.count >= Self.chunkSize { flush() }
  }

  /// Writes every pending line out.
  public mutating func flush() {
    guard !lines.isEmpty else { return }
    if let sink = output as? any UTF8Sink {
      lines.bytes.withUnsafeBufferPointer { sink.write(utf8: $0) }
    } else {
      output.write(lines.bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
    }
    lines.removeAll()
  }
}

/// An output stream that also takes UTF-8 bytes as they are.
///
/// `ContentLineWriter` hands its chunks to such a stream directly, without
/// making (and validating) a `String` of each.
public protocol UTF8Sink: AnyObject {
  /// Writes `bytes`, which are valid UTF-8.
  func write(utf8 bytes: UnsafeBufferPointer<UInt8>)
}
