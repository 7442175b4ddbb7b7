import Foundation
import Testing

@testable import TiptoeCore

/// Folding, escaping and value formats of the content-line writer (RFC 5545 §3.1, §3.3).
struct ContentLinesTests {
  func text(_ lines: ContentLines) -> String { String(decoding: lines.bytes, as: UTF8.self) }

  /// The physical lines, each without its CRLF; every line must end in CRLF.
  func physicalLines(_ lines: ContentLines) -> [[UInt8]] {
    let bytes = lines.bytes
    #expect(bytes.suffix(2) == [0x0D, 0x0A])
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0D {
        #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "CR without LF")
        result.append(current)
        current = []
        index += 2
        continue
      }
      #expect(bytes[index] != 0x0A, "LF without CR")
      current.append(bytes[index])
      index += 1
    }
    return result
  }

  /// Unfolds (RFC 5545 §3.1) and checks each physical line: ≤ 75 octets, valid UTF-8 on its own.
  func unfolded(_ lines: ContentLines) -> [String] {
    var logical: [String] = []
    for line in physicalLines(lines) {
      #expect(line.count <= 75)
      #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 sequence")
      if line.first == 0x20, !logical.isEmpty {
        logical[logical.count - 1] += String(decoding: line.dropFirst(), as: UTF8.self)
      } else {
        logical.append(String(decoding: line, as: UTF8.self))
      }
    }
    return logical
  }

  func line(_ name: String, text value: String) -> ContentLines {
    var lines = ContentLines()
    lines.line(name, text: value)
    return lines
  }

  @Test func aShortLineIsWrittenAsIsWithCRLF() {
    #expect(text(line("SUMMARY", text: "Toe presses")) == "SUMMARY:Toe presses\r\n")
  }

  @Test func seventyFiveOctetsFitSeventySixFold() {
    let fits = line("SUMMARY", text: String(repeating: "a", count: 75 - 8))
    #expect(physicalLines(fits).map(\.count) == [75])
    let folds = line("SUMMARY", text: String(repeating: "a", count: 76 - 8))
    #expect(text(folds) == "SUMMARY:" + String(repeating: "a", count: 67) + "\r\n a\r\n")
  }

  @Test func continuationLinesCountTheirSpace() {
    let long = line("DESCRIPTION", text: String(repeating: "x", count: 1000))
    let physical = physicalLines(long)
    #expect(physical.dropLast().allSatisfy { $0.count == 75 })
    #expect(physical.dropFirst().allSatisfy { $0.first == 0x20 })
    #expect(unfolded(long) == ["DESCRIPTION:" + String(repeating: "x", count: 1000)])
  }

  @Test(arguments: ["é", "€", "🦶", "👩‍👩‍👧", "e\u{301}\u{308}", "中文"])
  func multiByteSequencesAreNeverSplit(_ piece: String) {
    // Every starting column, so the piece straddles the 75th octet in every possible way.
    for padding in 60...75 {
      let value = String(repeating: "a", count: padding) + String(repeating: piece, count: 40)
      let lines = line("SUMMARY", text: value)
      #expect(unfolded(lines) == ["SUMMARY:" + value])
    }
  }

  @Test func escapesAreNeverSplit() {
    for padding in 60...75 {
      let value = String(repeating: "a", count: padding) + ";;,,\\\\\n\n"
      let lines = line("SUMMARY", text: value)
      for physical in physicalLines(lines) {
        // A line ending in an odd number of backslashes would split an escape.
        let trailing = physical.reversed().prefix { $0 == 0x5C }.count
        #expect(trailing % 2 == 0)
      }
      #expect(unfolded(lines) == ["SUMMARY:" + String(repeating: "a", count: padding) + "\\;\\;\\,\\,\\\\\\\\\\n\\n"])
    }
  }

  @Test func textEscaping() {
    #expect(text(line("X", text: #"a\b;c,d"#)) == #"X:a\\b\;c\,d"# + "\r\n")
    #expect(text(line("X", text: "one\ntwo\r\nthree\rfour")) == #"X:one\ntwo\nthree\nfour"# + "\r\n")
    // Colons, quotes and tabs need no escaping; other control characters are not TEXT and are dropped.
    #expect(text(line("X", text: "a:b \"c\"\td\u{1}\u{7F}e\u{0}")) == "X:a:b \"c\"\td" + "e\r\n")
    #expect(text(line("X", text: "")) == "X:\r\n")
  }

  @Test func parametersAreQuotedWhenNeeded() {
    var lines = ContentLines()
    lines.name("DTSTART")
    lines.parameter("TZID", "Europe/Berlin")
    lines.beginValue()
    lines.raw("20261123T091000")
    lines.end()
    lines.name("X")
    lines.parameter("TZID", "Odd: \"zone\"; yes, really")
    lines.beginValue()
    lines.end()
    #expect(text(lines) == "DTSTART;TZID=Europe/Berlin:20261123T091000\r\nX;TZID=\"Odd: zone; yes, really\":\r\n")
  }

  @Test func numbersDatesOffsetsAndDurations() {
    func render(_ body: (inout ContentLines) -> Void) -> String {
      var lines = ContentLines()
      body(&lines)
      return text(lines)
    }
    #expect(render { $0.digits(7, width: 2) } == "07")
    #expect(render { $0.digits(2026, width: 2) } == "2026")
    #expect(render { $0.digits(0) } == "0")
    #expect(render { $0.digits(-45) } == "-45")
    #expect(render { $0.digits(Int(Int32.max)) } == "2147483647")
    #expect(
      render { $0.localDateTime(date("2026-03-09"), LocalTime(hour: 7, minute: 5, second: 3)!) } == "20260309T070503")
    #expect(render { $0.localDateTime(localSeconds: -1) } == "19691231T235959")
    #expect(render { $0.utcDateTime(instant("2026-11-23T08:00:00.750Z")) } == "20261123T080000Z")
    #expect(render { $0.utcOffset(3600) } == "+0100")
    #expect(render { $0.utcOffset(-16200) } == "-0430")
    #expect(render { $0.utcOffset(0) } == "+0000")
    #expect(render { $0.utcOffset(37800) } == "+1030")
    #expect(render { $0.utcOffset(3208) } == "+005328")
    #expect(render { $0.duration(seconds: 120) } == "PT2M")
    #expect(render { $0.duration(seconds: 5400) } == "PT1H30M")
    #expect(render { $0.duration(seconds: 43200) } == "PT12H")
    #expect(render { $0.duration(seconds: 86400) } == "P1D")
    #expect(render { $0.duration(seconds: 90061) } == "P1DT1H1M1S")
    #expect(render { $0.duration(seconds: 0) } == "PT0S")
    #expect(render { $0.duration(seconds: -900) } == "-PT15M")
  }

  @Test func randomTextRoundTripsThroughFoldingAndEscaping() {
    let pieces = ["a", " ", ";", ",", "\\", "\n", "é", "🦶", "\u{301}", "中", "\t", ":", "\"", "👩‍👩‍👧"]
    var seed: UInt64 = 42
    for _ in 0..<300 {
      var value = ""
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for _ in 0..<Int(seed >> 55) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        value += pieces[Int(seed >> 33) % pieces.count]
      }
      let lines = line("DESCRIPTION", text: value)
      let logical = unfolded(lines)
      #expect(logical.count == 1)
      // By octets: a leading combining mark joins the `:` into one Character.
      let escaped = String(decoding: logical[0].utf8.dropFirst("DESCRIPTION:".utf8.count), as: UTF8.self)
      #expect(unescape(escaped) == value)
    }
  }

  /// RFC 5545 §3.3.11 unescaping, as a reader does it (by scalar: `\` + a combining mark is one Character).
  func unescape(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var escaped = false
    for scalar in text.unicodeScalars {
      if escaped {
        result.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  @Test func theWriterHandsOverChunksAtLineBoundaries() {
    final class Recorder: TextOutputStream {
      var chunks: [String] = []
      func write(_ string: String) { chunks.append(string) }
    }
    var writer = ContentLineWriter(to: Recorder())
    var expected = ""
    for index in 0..<5000 {
      writer.lines.line("SUMMARY", text: "Line \(index) 🦶 with, some; text")
      expected += "SUMMARY:Line \(index) 🦶 with\\, some\\; text\r\n"
      writer.lineEnded()
    }
    writer.flush()
    #expect(writer.output.chunks.count > 1)
    #expect(writer.output.chunks.allSatisfy { $0.hasSuffix("\r\n") })
    #expect(writer.output.chunks.joined() == expected)
  }

  @Test func aUTF8SinkGetsTheSameBytesWithoutStrings() {
    final class Sink: TextOutputStream, UTF8Sink {
      var bytes: [UInt8] = []
      var strings = 0
      func write(_ string: String) { strings += 1 }
      func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { self.bytes += bytes }
    }
    var writer = ContentLineWriter(to: Sink())
    var expected = ContentLines()
    for index in 0..<5000 {
      writer.lines.line("DESCRIPTION", text: "Step \(index): 👩‍👩‍👧 grip, hold; release\n")
      expected.line("DESCRIPTION", text: "Step \(index): 👩‍👩‍👧 grip, hold; release\n")
      writer.lineEnded()
    }
    writer.flush()
    #expect(writer.output.strings == 0)
    #expect(writer.output.bytes == expected.bytes)
  }
}
