import Testing

@testable import TiptoeNotify

struct MarkupTests {
  @Test func escapesTheThreeCharactersMarkupReads() {
    #expect(Markup.escape("Stand & bend <knees> > 90°") == "Stand &amp; bend &lt;knees&gt; &gt; 90°")
    #expect(Markup.escape("plain — text") == "plain — text")
    #expect(Markup.escape("&amp;") == "&amp;amp;")
  }

  /// A Prepend character before `<` or a combining mark after `>` makes one grapheme cluster with
  /// it; the server reads scalars, so they are escaped all the same.
  @Test func escapesScalarsInsideGraphemeClusters() {
    #expect(Markup.escape("\u{0600}<b>bold</b>") == "\u{0600}&lt;b&gt;bold&lt;/b&gt;")
    #expect(Markup.escape("<span size=\"x-large\">\u{0301}") == "&lt;span size=\"x-large\"&gt;\u{0301}")
    #expect(
      Markup.escape("<a href=\"http://x\">\u{20DD}&\u{0308}") == "&lt;a href=\"http://x\"&gt;\u{20DD}&amp;\u{0308}")
  }
}
