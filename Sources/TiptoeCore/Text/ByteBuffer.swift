/// A growable buffer of bytes written through a pointer, for output on hot paths.
///
/// `Array.append(contentsOf:)` costs a generic call, a uniqueness check and
/// a capacity check per piece; writing a million JSON lines is mostly that.
/// Here a caller reserves room once per record and copies pieces in place.
public final class ByteBuffer {
  @exclusivity(unchecked) public private(set) var count = 0
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>

  public init(capacity: Int = 1 << 16) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `more` bytes.
  @inline(__always) public func reserve(_ more: Int) {
    guard count + more > capacity else { return }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + more))
    grown.update(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = max(capacity * 2, count + more)
  }

  /// Writes at most `maximum` bytes in place through a cursor.
  ///
  /// The cursor is a value on the stack, so its writes need no exclusivity
  /// checks at run time (a class's stored properties do).
  @inline(__always) public func write(maximum: Int, _ body: (inout ByteCursor) -> Void) {
    reserve(maximum)
    var cursor = ByteCursor(pointer: base + count)
    body(&cursor)
    count = cursor.pointer - base
  }

  /// Appends a string's UTF-8 (reserving room for it).
  public func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      write(maximum: bytes.count) { $0.put(bytes) }
    }
  }

  /// Where the bytes start: valid while the buffer lives and does not grow.
  public var baseAddress: UnsafePointer<UInt8> { UnsafePointer(base) }

  /// The bytes written so far.
  public func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Hands the bytes to `sink` and empties the buffer.
  public func flush(to sink: some UTF8Sink) {
    if count > 0 { withBytes { sink.write(utf8: $0) } }
    count = 0
  }

  /// Forgets the bytes written so far.
  public func removeAll() { count = 0 }
}

/// Short text packed into integers, for `ByteCursor` to store without an array.
public enum PackedText {
  /// The first ten bytes of `text` (its UTF-8), in memory order: `YYYY-MM-DD`.
  public static func ten(_ text: String) -> (UInt64, UInt16) {
    var bytes = Array(text.utf8.prefix(10))
    bytes += [UInt8](repeating: 0, count: 10 - bytes.count)
    return bytes.withUnsafeBytes {
      ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    }
  }
}

/// Writes bytes at a position in a `ByteBuffer` (see `ByteBuffer.write`).
public struct ByteCursor {
  var pointer: UnsafeMutablePointer<UInt8>

  @inline(__always) public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    pointer.update(from: bytes.baseAddress!, count: bytes.count)
    pointer += bytes.count
  }

  @inline(__always) public mutating func put(_ bytes: UnsafePointer<UInt8>, count: Int) {
    pointer.update(from: bytes, count: count)
    pointer += count
  }

  /// Ten bytes held in two integers (`PackedText.ten`): a date, in two stores.
  @inline(__always) public mutating func put(_ ten: (UInt64, UInt16)) {
    let raw = UnsafeMutableRawPointer(pointer)
    raw.storeBytes(of: ten.0, as: UInt64.self)
    raw.storeBytes(of: ten.1, toByteOffset: 8, as: UInt16.self)
    pointer += 10
  }

  @inline(__always) public mutating func put(_ byte: UInt8) {
    pointer.pointee = byte
    pointer += 1
  }

  /// `value` (0...99) as two decimal digits.
  @inline(__always) public mutating func put2(_ value: Int) {
    let tens = value / 10
    pointer[0] = UInt8(truncatingIfNeeded: 48 + tens)
    pointer[1] = UInt8(truncatingIfNeeded: 48 + value - tens * 10)
    pointer += 2
  }

  /// `value` as exactly `width` decimal digits.
  @inline(__always) public mutating func put(_ value: Int, digits width: Int) {
    var value = value
    var position = width - 1
    while position >= 0 {
      pointer[position] = UInt8(truncatingIfNeeded: 48 + value % 10)
      value /= 10
      position -= 1
    }
    pointer += width
  }
}
