import RelayAuditCore
import Testing

struct JSONWriterTests {
    @Test func keepsKeyOrderAndIndents() {
        let value = JSONValue.object([("b", .int(1)), ("a", .array([.bool(true), .null])), ("c", .object([]))])
        #expect(JSONWriter.render(value, pretty: false) == #"{"b":1,"a":[true,null],"c":{}}"#)
        #expect(JSONWriter.render(value) == "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ],\n  \"c\": {}\n}")
    }

    @Test func escapesEverythingThatCouldBreakALineOrATerminal() {
        let hostile = "a\"b\\c\nd\re\u{1B}[31m\u{0}\u{7F}\u{2028}\u{2029}é"
        let out = JSONWriter.render(.string(hostile), pretty: false)
        #expect(out == #""a\"b\\c\nd\re\u001b[31m\u0000\u007f\u2028\u2029é""#)
        #expect(!out.contains("\n") && !out.contains("\u{1B}"))
    }

    @Test func writesDoublesWithThreeDecimalsAtMost() {
        #expect(JSONWriter.render(.double(0.12345), pretty: false) == "0.123")
        #expect(JSONWriter.render(.double(1), pretty: false) == "1.0")
        #expect(JSONWriter.render(.double(.nan), pretty: false) == "null")
    }
}
