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

    @Test func escapesC1ControlsBidiMarksAndZeroWidthCharactersButNotText() {
        var out = ""
        JSONWriter.escape("\u{9B}31m rtl\u{202E}gpj.exe \u{2066}x\u{2069} zw\u{200B}j \u{FEFF} © ° \u{A0} 日本", into: &out)
        #expect(out == #""\u009b31m rtl\u202egpj.exe \u2066x\u2069 zw\u200bj \ufeff © ° \#u{A0} 日本""#)
    }

    @Test(arguments: [0, 7, -7, 10, 1_000_000, -42_000, Int.max, Int.min])
    func writesIntegersAsSwiftPrintsThem(_ value: Int) {
        #expect(JSONWriter.render(.int(value), pretty: false) == String(value))
    }

    @Test func writesDoublesWithThreeDecimalsAtMost() {
        #expect(JSONWriter.render(.double(0.12345), pretty: false) == "0.123")
        #expect(JSONWriter.render(.double(1), pretty: false) == "1.0")
        #expect(JSONWriter.render(.double(.nan), pretty: false) == "null")
    }

    /// A lazy array is written as the array it stands for, and a document streamed in pieces
    /// (here as small as one element) is the rendered document, byte for byte.
    @Test func streamedLazyArraysEqualTheRenderedTree() {
        let rows = 0..<50
        let lazy = JSONValue.object([
            ("rows", .lazyArray(LazyJSONArray(count: rows.count) { i in
                .object([("id", .int(i)), ("name", .string("row \(i) \u{1B}[31m")), ("tags", .lazyArray(LazyJSONArray(count: i % 3) { .int($0) }))])
            })),
            ("empty", .lazyArray(LazyJSONArray(count: 0) { _ in .null })),
        ])
        let eager = JSONValue.object([
            ("rows", .array((0..<rows.count).map { i in
                .object([("id", .int(i)), ("name", .string("row \(i) \u{1B}[31m")), ("tags", .array((0..<(i % 3)).map { .int($0) }))])
            })),
            ("empty", .array([])),
        ])
        #expect(lazy == eager)
        #expect(JSONWriter.render(lazy) == JSONWriter.render(eager))
        for chunk in [1, 64, 1 << 20] {
            var pieces: [String] = []
            JSONWriter.stream(lazy, chunk: chunk) { pieces.append($0) }
            #expect(pieces.joined() == JSONWriter.render(eager))
            if chunk == 1 { #expect(pieces.count > rows.count) }
        }
        #expect(lazy != .object([("rows", .array([])), ("empty", .array([]))]))
    }

    /// A failing output stops the writer with its error.
    @Test func aFailingOutputStopsTheStream() {
        struct Full: Error {}
        var calls = 0
        #expect(throws: Full.self) {
            try JSONWriter.stream(.lazyArray(LazyJSONArray(count: 1000) { .int($0) }), chunk: 16) { (_: String) throws(Full) in
                calls += 1
                throw Full()
            }
        }
        #expect(calls == 1)
    }

    /// Long lazy arrays are rendered on all cores in pieces: the text is the sequential text,
    /// at the top level and one level down (the `audit` document), pretty or not, whole or streamed.
    @Test func parallelRenderingWritesTheSequentialText() {
        let count = 5_000
        @Sendable func element(_ i: Int) -> JSONValue {
            .object([("i", .int(i)), ("name", .string("n\(i)\u{7}")), ("inner", .lazyArray(LazyJSONArray(count: 600) { .int($0 &* i) }))])
        }
        let lazy = JSONValue.object([("logs", .object([("sources", .lazyArray(LazyJSONArray(count: count, element: element)))])),
                                     ("top", .lazyArray(LazyJSONArray(count: count, element: element)))])
        let eager = JSONValue.object([("logs", .object([("sources", .array((0..<count).map(element)))])),
                                      ("top", .array((0..<count).map(element)))])
        for pretty in [true, false] {
            let expected = JSONWriter.render(eager, pretty: pretty)
            #expect(JSONWriter.render(lazy, pretty: pretty) == expected)
            var pieces: [String] = []
            JSONWriter.stream(lazy, pretty: pretty, chunk: 4096) { pieces.append($0) }
            #expect(pieces.joined() == expected)
        }
    }
}
