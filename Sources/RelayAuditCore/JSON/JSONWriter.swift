import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Serialises a `JSONValue` deterministically, pretty-printed or as one line (NDJSON).
///
/// Every string from a log or a directory passes through `escape`, which writes C0 and C1
/// controls, DEL, U+2028/U+2029, bidi controls and zero-width marks (`TerminalText`'s set) as
/// `\u` escapes: the value is exact once parsed, yet the JSON text itself carries no raw
/// terminal escape sequence, no reordering mark and no line break that a line-oriented reader
/// (or `cat report.json`) would act on.
public enum JSONWriter {
    public static func render(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        write(value, into: &out, pretty: pretty, indent: 0, flush: { (_: inout String) in })
        return out
    }

    /// Writes `value` in pieces of about `chunk` bytes: `flush` receives the text so far (and
    /// empties it) after an array element once that much has gathered, so memory holds one
    /// piece and the element being made, not the whole document.
    public static func stream<E: Error>(_ value: JSONValue, pretty: Bool = true, chunk: Int = 1 << 20,
                                        to flush: (String) throws(E) -> Void) throws(E) {
        var out = ""
        try write(value, into: &out, pretty: pretty, indent: 0) { (text: inout String) throws(E) in
            guard text.utf8.count >= chunk else { return }
            try flush(text)
            text = ""
        }
        if !out.isEmpty { try flush(out) }
    }

    static func write<E: Error>(_ value: JSONValue, into out: inout String, pretty: Bool, indent: Int,
                                flush: (inout String) throws(E) -> Void) throws(E) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += formatDouble(d)
        case let .string(s): escape(s, into: &out)
        case let .array(items):
            try writeArray(count: items.count, { items[$0] }, into: &out, pretty: pretty, indent: indent, flush: flush)
        case let .lazyArray(items):
            if items.count >= parallelBatch * 2, indent <= 2 {
                try writeInParallel(items, into: &out, pretty: pretty, indent: indent, flush: flush)
            } else {
                try writeArray(count: items.count, items.element, into: &out, pretty: pretty, indent: indent, flush: flush)
            }
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { out += "," }
                newline(into: &out, pretty: pretty, indent: indent + 1)
                escape(key, into: &out)
                out += pretty ? ": " : ":"
                try write(item, into: &out, pretty: pretty, indent: indent + 1, flush: flush)
            }
            newline(into: &out, pretty: pretty, indent: indent)
            out += "}"
        }
    }

    private static func writeArray<E: Error>(count: Int, _ element: (Int) -> JSONValue, into out: inout String, pretty: Bool, indent: Int,
                                             flush: (inout String) throws(E) -> Void) throws(E) {
        if count == 0 { out += "[]"; return }
        out += "["
        for index in 0..<count {
            if index > 0 { out += "," }
            newline(into: &out, pretty: pretty, indent: indent + 1)
            try write(element(index), into: &out, pretty: pretty, indent: indent + 1, flush: flush)
            try flush(&out)
        }
        newline(into: &out, pretty: pretty, indent: indent)
        out += "]"
    }

    /// Elements per piece made on one core.
    static let parallelBatch = 256

    /// A long lazy array (every account of a directory, every address of a log) is made on
    /// all cores: pieces of `parallelBatch` elements are rendered side by side, a few rounds at
    /// a time, and written in order, so the text is exactly the sequential one and memory
    /// holds one round. Elements make their own nested arrays sequentially (`indent` > 2).
    private static func writeInParallel<E: Error>(_ items: LazyJSONArray, into out: inout String, pretty: Bool, indent: Int,
                                                  flush: (inout String) throws(E) -> Void) throws(E) {
        out += "["
        let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let perRound = 4 * cores
        var start = 0
        while start < items.count {
            let batches = min(perRound, (items.count - start + parallelBatch - 1) / parallelBatch)
            let pieces = RenderedPieces(count: batches)
            let first = start
            DispatchQueue.concurrentPerform(iterations: batches) { batch in
                var text = ""
                let lower = first + batch * parallelBatch, upper = min(items.count, lower + parallelBatch)
                for index in lower..<upper {
                    if index > 0 { text += "," }
                    newline(into: &text, pretty: pretty, indent: indent + 1)
                    write(items.element(index), into: &text, pretty: pretty, indent: indent + 1, flush: { (_: inout String) in })
                }
                pieces.set(batch, text)
            }
            for batch in 0..<batches {
                out += pieces.take(batch)
                try flush(&out)
            }
            start = min(items.count, start + batches * parallelBatch)
        }
        newline(into: &out, pretty: pretty, indent: indent)
        out += "]"
    }

    private static func newline(into out: inout String, pretty: Bool, indent: Int) {
        guard pretty else { return }
        out += indent < newlines.count ? newlines[indent] : "\n" + String(repeating: "  ", count: indent)
    }

    /// A line feed and the indentation of each level, made once (not a new String per line).
    private static let newlines = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

    /// Doubles keep at most three decimals (scores, ratios); non-finite values become null.
    static func formatDouble(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let scaled = (d * 1000).rounded() / 1000
        if scaled == scaled.rounded() && abs(scaled) < 1e15 { return String(Int(scaled)) + ".0" }
        return String(scaled)
    }

    /// Appends `s` as a quoted JSON string.
    public static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Fast path: nothing to escape (no control, quote, backslash, DEL, and none of the lead
        // bytes of C1 controls (0xC2), U+200B–U+206F (0xE2) or U+FEFF (0xEF)): the UTF-8 is
        // copied as it is.
        if isPlain(s) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if TerminalText.needsEscape(scalar) {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Whether `s` can be copied as it is; checked on its UTF-8 storage in one tight loop
    /// (iterating the UTF-8 view byte by byte was a twentieth of writing a large report).
    static func isPlain(_ s: String) -> Bool {
        func plain(_ b: UInt8) -> Bool { b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xC2 && b != 0xE2 && b != 0xEF }
        if let result = s.utf8.withContiguousStorageIfAvailable({ bytes in
            for b in bytes where !plain(b) { return false }
            return true
        }) {
            return result
        }
        return s.utf8.allSatisfy(plain)
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 12 & 0xF)], digits[Int(v >> 8 & 0xF)], digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)]])
    }
}

/// The texts of one round of parallel rendering: each worker writes only its own slot, and
/// the caller reads them after `concurrentPerform` has returned.
private final class RenderedPieces: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<String>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: "")
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ text: String) { slots[index] = text }

    func take(_ index: Int) -> String {
        defer { slots[index] = "" }
        return slots[index]
    }
}
