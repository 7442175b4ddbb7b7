import Testing

@testable import TiptoeCommands

struct CSVTests {
  @Test func plainFieldsStayAsTheyAre() {
    #expect(CSV.row(["toe-presses", "Toe presses", nil, "3"]) == "toe-presses,Toe presses,,3\r\n")
  }

  /// Scalar by scalar: CRLF is one character to Swift and `"` with a combining mark another.
  @Test func quotesLineBreaksAndDoublesEveryQuote() {
    #expect(CSV.field("a\r\nb") == "\"a\r\nb\"")
    #expect(CSV.field("say \"\u{0301}hi\"") == "\"say \"\"\u{0301}hi\"\"\"")
    #expect(CSV.field("a, b") == "\"a, b\"")
  }

  /// OWASP's rule for CSV injection: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` and quotes.
  @Test func neutralisesFormulaPrefixes() {
    #expect(CSV.field("=1+2") == "\"'=1+2\"")
    #expect(CSV.field("+1") == "\"'+1\"")
    #expect(CSV.field("-1") == "\"'-1\"")
    #expect(CSV.field("@SUM(A1)") == "\"'@SUM(A1)\"")
    #expect(CSV.field("\t=x") == "\"'\t=x\"")
    #expect(CSV.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
    #expect(CSV.field("a=b") == "a=b")
  }
}
