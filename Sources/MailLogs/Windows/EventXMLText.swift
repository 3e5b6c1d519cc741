import Foundation

/// Parses the XML text of Windows events, as `wevtutil qe Security /f:xml`, PowerShell's
/// `(Get-WinEvent …).ToXml()` and evtx_dump.py print them, into the element tree the binary
/// reader builds: elements, attributes (either quote), text, the five named entities and
/// numeric references, CDATA; declarations, comments and processing instructions are skipped.
/// Not a general XML parser: no DTD, no namespaces beyond keeping the prefix in the name.
enum EventXMLText {
    /// The elements at the top of `text` (events, or `<Events>` holding them). nil when the
    /// text is not well formed enough to read (an unclosed tag, a stray end tag).
    static func parse(_ text: String) -> [XMLElement]? {
        var parser = Parser(bytes: Array(text.utf8))
        return parser.nodes(until: nil)
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var depth = 0

        mutating func nodes(until end: String?) -> [XMLElement]? {
            var elements: [XMLElement] = []
            while i < bytes.count {
                if bytes[i] != UInt8(ascii: "<") {
                    i += 1  // text between top-level elements (whitespace)
                    continue
                }
                if starts("</") {
                    guard let end else { return nil }
                    guard let close = find(">", from: i) else { return nil }
                    let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    i = close + 1
                    return name == end ? elements : nil
                }
                if skipMarkup() { continue }
                guard let element = element() else { return nil }
                elements.append(element)
            }
            return end == nil ? elements : nil
        }

        /// `<?…?>`, `<!--…-->`, `<!DOCTYPE …>`: skipped.
        mutating func skipMarkup() -> Bool {
            if starts("<?") { i = (find("?>", from: i).map { $0 + 2 }) ?? bytes.count; return true }
            if starts("<!--") { i = (find("-->", from: i).map { $0 + 3 }) ?? bytes.count; return true }
            if starts("<!") && !starts("<![CDATA[") { i = (find(">", from: i).map { $0 + 1 }) ?? bytes.count; return true }
            return false
        }

        mutating func element() -> XMLElement? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { return nil }
            i += 1
            let nameStart = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
            var element = XMLElement(name: String(decoding: bytes[nameStart..<i], as: UTF8.self))
            while true {
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count else { return nil }
                if starts("/>") { i += 2; return element }
                if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                let attributeStart = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "="), !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                let name = String(decoding: bytes[attributeStart..<i], as: UTF8.self)
                while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "=") { i += 1 }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[i]
                guard let close = bytes[(i + 1)...].firstIndex(of: quote) else { return nil }
                element.attributes.append((name, Self.decode(bytes[(i + 1)..<close])))
                i = close + 1
            }
            // Content: text, CDATA, child elements, until the matching end tag.
            var text: [UInt8] = []
            while i < bytes.count {
                if starts("<![CDATA[") {
                    guard let close = find("]]>", from: i) else { return nil }
                    text += bytes[(i + 9)..<close]
                    i = close + 3
                } else if starts("</") {
                    guard let close = find(">", from: i) else { return nil }
                    let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard name == element.name else { return nil }
                    i = close + 1
                    element.text = Self.decode(text[...])
                    return element
                } else if bytes[i] == UInt8(ascii: "<") {
                    if skipMarkup() { continue }
                    guard let child = self.element() else { return nil }
                    element.children.append(child)
                } else {
                    text.append(bytes[i])
                    i += 1
                }
            }
            return nil
        }

        func starts(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            return prefix.withUTF8Buffer { buffer in (0..<count).allSatisfy { bytes[i + $0] == buffer[$0] } }
        }

        func find(_ needle: StaticString, from start: Int) -> Int? {
            let count = needle.utf8CodeUnitCount
            guard count > 0, bytes.count >= count else { return nil }
            return needle.withUTF8Buffer { buffer in
                var j = start
                while j + count <= bytes.count {
                    if bytes[j] == buffer[0], (1..<count).allSatisfy({ bytes[j + $0] == buffer[$0] }) { return j }
                    j += 1
                }
                return nil
            }
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        /// Text with its entity and character references resolved (unknown ones kept as written).
        static func decode(_ raw: ArraySlice<UInt8>) -> String {
            guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
            let text = String(decoding: raw, as: UTF8.self)
            var out = ""
            var rest = text[...]
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                    out += "&"
                    rest = rest[rest.index(after: amp)...]
                    continue
                }
                let entity = rest[rest.index(after: amp)..<semi]
                switch entity {
                case "lt": out += "<"
                case "gt": out += ">"
                case "amp": out += "&"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
                }
                rest = rest[rest.index(after: semi)...]
            }
            return out + rest
        }
    }
}
