import Foundation
import Testing

@testable import TiptoeCore

/// A seeded mutation fuzz of the routine reader (the TOML parser and the checks after it): the
/// shipped routines and the hostile cases of issue 11, cut, spliced, duplicated and sprinkled with
/// brackets, quotes and dots. Every input either loads or is refused with a `CoreError` that names
/// a line and column inside the text; none crashes. Bounded and deterministic: 2,000 mutations
/// from seed 7, or `TIPTOE_FUZZ_ITERATIONS` from `TIPTOE_FUZZ_SEED` for a longer run.
@Suite struct RoutineFuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let rounds = environment["TIPTOE_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 2000
  static let seed = environment["TIPTOE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 7
  static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The shipped routines (the built-in one, the examples, the large export fixture).
  static func shippedRoutines() throws -> [String] {
    let examples = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "Config/examples").path)
      .filter { $0.hasSuffix(".toml") }.sorted().map { "Config/examples/" + $0 }
    let paths = ["Sources/TiptoeCore/Resources/foot-routine.toml", "Tests/Integration/fixtures/export-large.toml"]
    return try (paths + examples).map { try String(contentsOf: root.appending(path: $0), encoding: .utf8) }
  }

  /// What broke the parser before it had limits: nesting and key depth far past the stack (18,500
  /// and 12,000 levels; `scale` 1 of 1,000 of that for the seeds of mutations), and long lists.
  static func hostile(_ scale: Int = 1000) -> [String] {
    let (deep, long) = (18_500 * scale / 1000, 12_000 * scale / 1000)
    return [
      "a = " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep),
      "a = " + String(repeating: "{b = ", count: long) + "1" + String(repeating: "}", count: long),
      Array(repeating: "a", count: long).joined(separator: ".") + " = 1",
      "[" + Array(repeating: "t", count: long).joined(separator: ".") + "]",
      "[[" + Array(repeating: "t", count: long).joined(separator: ".") + "]]",
      "a = [" + String(repeating: "{b = [", count: long / 2),
      "[[exercise]]\nid = \"x\"\ntitle = \"X\"\nevery = \"daily\"\nsteps = ["
        + Array(repeating: "\"s\"", count: 20 * long).joined(separator: ", ") + "]",
    ]
  }

  @Test func mutatedRoutinesLoadOrAreRefusedWithALineAndColumn() throws {
    let shipped = try Self.shippedRoutines()
    let seeds = shipped + Self.hostile(20)
    var generator = SplitMix(seed: Self.seed)
    var inputs = 0
    var loaded = 0
    for text in shipped + Self.hostile() {
      inputs += 1
      if try check(text) { loaded += 1 }
    }
    for _ in 0..<Self.rounds {
      let text = Self.mutate(seeds, using: &generator)
      inputs += 1
      if try check(text) { loaded += 1 }
    }
    #expect(inputs == shipped.count + Self.hostile().count + Self.rounds)
    #expect(loaded > 0 && loaded < inputs, "mutations both keep and break routines")
    print("RoutineFuzzTests: \(inputs) inputs, \(loaded) loaded, \(inputs - loaded) refused, 0 crashes")
  }

  /// True when `text` loads; false when it is refused as it should be; records an issue otherwise.
  private func check(_ text: String) throws -> Bool {
    do {
      _ = try RoutineLoader.load(text, file: "fuzz.toml")
      return true
    } catch let error as CoreError {
      let message = error.localizedDescription
      let place = message.split(separator: ":", maxSplits: 3)
      let lines = text.utf8.count(where: { $0 == UInt8(ascii: "\n") }) + 1
      guard place.count == 4, place[0] == "fuzz.toml", let line = Int(place[1]), let column = Int(place[2]),
        (1...lines).contains(line), column >= 1, place[3].hasPrefix(" error: ")
      else {
        Issue.record("a refusal without a place in the file: \(message.prefix(300))")
        return false
      }
      return false
    }
  }

  /// One seed changed one to four times: a byte replaced, a range cut, copied or spliced from another
  /// seed, a run of nesting or dots inserted, or the end cut off.
  static func mutate(_ seeds: [String], using generator: inout SplitMix) -> String {
    var bytes = Array(seeds[Int(generator.next() % UInt64(seeds.count))].utf8)
    let tokens = Array("[]{}=\"'.,#\n\\ \t:-_0a\u{202E}\u{1B}é".utf8)
    func index(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(generator.next() % UInt64(bound)) }
    for _ in 0...index(4) {
      let at = index(bytes.count + 1)
      switch index(7) {
      case 0 where !bytes.isEmpty:
        bytes[min(at, bytes.count - 1)] = tokens[index(tokens.count)]
      case 1:
        bytes.removeSubrange(at..<min(bytes.count, at + index(64)))
      case 2:
        let start = index(bytes.count)
        bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + index(256))], at: at)
      case 3:
        let other = Array(seeds[index(seeds.count)].utf8)
        let start = index(other.count)
        bytes.insert(contentsOf: other[start..<min(other.count, start + index(512))], at: at)
      case 4:
        let run = [["["], ["{", "a", "="], ["a", "."], ["[", "{", "b", "="]][index(4)].flatMap { Array($0.utf8) }
        bytes.insert(contentsOf: Array([[UInt8]](repeating: run, count: 1 + index(100)).joined()), at: at)
      case 5:
        bytes.removeSubrange(at..<bytes.count)
      default:
        bytes.insert(tokens[index(tokens.count)], at: at)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
