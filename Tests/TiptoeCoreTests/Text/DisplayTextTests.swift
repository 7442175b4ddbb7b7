import Testing

@testable import TiptoeCore

struct DisplayTextTests {
  @Test func replacesControlsAndBidiOverridesScalarByScalar() {
    #expect(DisplayText.clean("Toe\u{1B}]0;owned\u{07} presses") == "Toe\u{FFFD}]0;owned\u{FFFD} presses")
    #expect(DisplayText.clean("a\u{0}b\u{7F}c\u{9B}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
    #expect(DisplayText.clean("\u{202E}exe.gnp\u{2066}x\u{2069}") == "\u{FFFD}exe.gnp\u{FFFD}x\u{FFFD}")
    #expect(DisplayText.clean("e\u{301} \u{200F}ok\tyes") == "e\u{301} \u{200F}ok\tyes", "marks, RLM and tab stay")
  }

  @Test func lineBreaksGoUnlessKept() {
    #expect(DisplayText.clean("one\r\ntwo") == "one\u{FFFD}\u{FFFD}two")
    #expect(DisplayText.clean("one\ntwo\r", keepingNewlines: true) == "one\ntwo\u{FFFD}")
  }
}
