import Testing

@testable import TiptoeCore

struct TOMLParserTests {
  func parse(_ text: String) throws -> TOMLTable { try TOMLParser.parse(text) }

  func string(_ node: TOMLNode?) -> String? {
    if case .string(let text)? = node?.value { return text }
    return nil
  }

  @Test func parsesTheValueKindsARoutineUses() throws {
    let root = try parse(
      """
      # comment
      name = "Foot \\"routine\\" \\u00E9\\U0001F9B6"   # trailing comment
      'literal key' = 'C:\\path'
      n = 1_000
      hex = 0xff
      f = -1.5e3
      yes = true
      at = 08:30:00
      steps = [
        "one", # first
        'two',
      ]
      empty = []
      inline = { a = 1, b.c = "x" }
      multi = \"\"\"
      first
        second \\
          joined\"\"\"
      raw = '''
      a\\b'''

      [day]
      start = "08:00"

      [[exercise]]
      id = "a"
      [[exercise]]
      id = "b"
      [exercise.extra]
      k = 1
      """)
    #expect(string(root["name"]) == "Foot \"routine\" é🦶")
    #expect(string(root["literal key"]) == "C:\\path")
    if case .integer(let n)? = root["n"]?.value { #expect(n == 1000) } else { Issue.record("n") }
    if case .integer(let n)? = root["hex"]?.value { #expect(n == 255) } else { Issue.record("hex") }
    if case .float(let f)? = root["f"]?.value { #expect(f == -1500) } else { Issue.record("f") }
    if case .dateTime(let t)? = root["at"]?.value { #expect(t == "08:30:00") } else { Issue.record("at") }
    #expect(string(root["multi"]) == "first\n  second joined")
    #expect(string(root["raw"]) == "a\\b")
    guard case .array(let steps)? = root["steps"]?.value else {
      Issue.record("steps")
      return
    }
    #expect(steps.map(string) == ["one", "two"])
    #expect(steps[1].position == TextPosition(line: 11, column: 3))
    guard case .array(let exercises)? = root["exercise"]?.value, exercises.count == 2,
      case .table(let second) = exercises[1].value
    else {
      Issue.record("exercises")
      return
    }
    #expect(string(second["id"]) == "b")
    #expect(second.keys == ["id", "extra"])
    #expect(second.keyPosition("id") == TextPosition(line: 28, column: 1))
  }

  @Test func quotesRightBeforeAClosingDelimiterBelongToTheString() throws {
    let root = try parse("a = \"\"\"say \"hi\"\"\"\"\"\nb = '''it's''''\n")
    #expect(string(root["a"]) == "say \"hi\"\"")
    #expect(string(root["b"]) == "it's'")
  }

  /// Invalid documents and the line:column and words of their error.
  static let invalid: [(String, Int, Int, String)] = [
    ("a = ", 1, 5, "expected a value"),
    ("a = \"x", 1, 5, "unterminated string"),
    ("a = \"x\ny\"", 1, 5, "unterminated string: close it with \" on the same line"),
    ("a = 'x\ny'", 1, 5, "unterminated string: close it with ' on the same line"),
    ("a = \"\"\"x\n", 1, 5, "unterminated string: close it with \"\"\""),
    ("a = 1\na = 2", 2, 1, "key 'a' is defined twice"),
    ("[t]\n[t]", 2, 1, "table 't' is defined twice"),
    ("[# x", 1, 2, "expected a table name"),
    ("[[#", 1, 3, "expected a table name"),
    ("a = [1, 2", 1, 10, "expected ',' or ']'"),
    ("a = daily", 1, 5, "'daily' is not a TOML value (strings need quotes"),
    ("a = 1 b = 2", 1, 7, "expected the end of the line"),
    ("a = \"\\q\"", 1, 6, "invalid escape"),
    ("a = { b = 1", 1, 12, "expected '}'"),
    ("= 1", 1, 1, "expected a key"),
    ("a = 01", 1, 5, "is not a TOML value"),
    ("a = 1\n[a]", 2, 1, "already has a value"),
    ("a = {b = 1}\n[a.c]", 2, 1, "cannot be extended"),
    ("a = \"\\u12\"", 1, 6, "invalid unicode escape"),
    ("é = 1", 1, 1, "expected a key"),
    // Nesting past 64 levels (the key, then the lists or tables around the value) names the first too many.
    ("a = " + String(repeating: "[", count: 18_500), 1, 68, "nested too deeply"),
    ("a = [1, {b = " + String(repeating: "{c = ", count: 12_000), 1, 164, "nested too deeply"),
    ("x = 1\n" + Array(repeating: "a", count: 12_000).joined(separator: ".") + " = 1", 2, 129, "at most 64 levels"),
    ("[" + Array(repeating: "t", count: 12_000).joined(separator: ".") + "]", 1, 130, "nested too deeply"),
    ("[t]\n" + Array(repeating: "a", count: 64).joined(separator: ".") + " = 1", 2, 127, "nested too deeply"),
  ]

  @Test(arguments: invalid)
  func reportsSyntaxErrorsWithTheirPosition(_ text: String, _ line: Int, _ column: Int, _ words: String) {
    #expect {
      try TOMLParser.parse(text)
    } throws: { error in
      guard let failure = error as? TOMLParser.Failure else { return false }
      return failure.position == TextPosition(line: line, column: column) && failure.message.contains(words)
    }
  }

  /// A list of 200,000 elements on one line is read once (each position counts on from the last).
  @Test func aListOf200000ElementsParsesWithTheirColumns() throws {
    let text = "a = [" + Array(repeating: "\"st\"", count: 200_000).joined(separator: ", ") + "]"
    let root = try TOMLParser.parse(text)
    guard case .array(let elements)? = root["a"]?.value else { throw Failure.notAList }
    #expect(elements.count == 200_000)
    #expect(elements.last?.position == TextPosition(line: 1, column: 6 + 6 * 199_999))
  }

  enum Failure: Error { case notAList }

  /// Random byte soup (and every prefix of a real file) never crashes or hangs the parser.
  @Test func survivesRandomInput() {
    var generator = SplitMix(seed: 99)
    let alphabet = Array("[]{}=\"'#\n\r\t ,.:-+_aez019\\é🦶".unicodeScalars)
    for _ in 0..<5000 {
      let length = Int(generator.next() % 40)
      var text = ""
      for _ in 0..<length { text.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
      _ = try? TOMLParser.parse(text)
    }
    let real = BuiltInRoutine.text
    for end in stride(from: 0, to: real.utf8.count, by: 7) {
      _ = try? TOMLParser.parse(String(decoding: Array(real.utf8)[..<end], as: UTF8.self))
    }
  }
}
