import Foundation
import TiptoeCore

/// Standard output in 64 KiB chunks, flushed when it goes away; takes text or UTF-8 bytes.
final class StandardOutput: TextOutputStream, UTF8Sink {
  private var buffer = ""

  deinit { flush() }

  func write(_ string: String) {
    buffer += string
    if buffer.utf8.count >= 65536 { flush() }
  }

  func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    flush()
    Self.writeAll(bytes)
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    var chunk = buffer
    buffer = ""
    chunk.withUTF8(Self.writeAll)
  }

  private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < bytes.count {
      let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
      if written <= 0 { return }
      offset += written
    }
  }
}
