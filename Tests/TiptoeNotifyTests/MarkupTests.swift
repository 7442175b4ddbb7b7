import Testing

@testable import TiptoeNotify

struct MarkupTests {
  @Test func escapesTheThreeCharactersMarkupReads() {
    #expect(Markup.escape("Stand & bend <knees> > 90°") == "Stand &amp; bend &lt;knees&gt; &gt; 90°")
    #expect(Markup.escape("plain — text") == "plain — text")
    #expect(Markup.escape("&amp;") == "&amp;amp;")
  }
}
