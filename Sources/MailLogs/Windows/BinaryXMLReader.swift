import Foundation

/// One element of an event record, as Windows' binary XML describes it: the name, the
/// attributes and the text (substitution values already put in). Only what the Security
/// events need is kept; there is no XML text to escape or re-parse.
struct XMLElement: Sendable {
    var name: String
    var attributes: [(String, String)] = []
    var children: [XMLElement] = []
    var text = ""

    func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
}

/// Why a record could not be read: the bytes do not say what binary XML says they should.
struct BinaryXMLError: Error, Sendable {
    var offset: Int
    var reason: String
}

/// Reads the binary XML of EVTX records (MS-EVEN6 §3.1.4.7 "BinXml"): tokens, names kept
/// once per chunk and referred to by offset, templates defined once per chunk and instantiated
/// by each record with its own substitution values.
///
/// Every offset is checked against the chunk: a damaged chunk (a corrupt string or template
/// table, a record cut short) throws for that record, never reads outside the bytes.
struct BinaryXMLReader {
    let chunk: [UInt8]
    /// Template instantiations nested deeper than this are refused (a loop in a damaged chunk).
    static let maximumDepth = 32

    /// A substitution value: its type and where its bytes are in the chunk.
    struct Value {
        var type: UInt8
        var offset: Int
        var size: Int
    }

    // MARK: bytes

    func u8(_ at: Int) throws -> UInt8 {
        guard at >= 0, at < chunk.count else { throw BinaryXMLError(offset: at, reason: "past the end of the chunk") }
        return chunk[at]
    }

    func u16(_ at: Int) throws -> Int {
        guard at >= 0, at + 2 <= chunk.count else { throw BinaryXMLError(offset: at, reason: "past the end of the chunk") }
        return Int(chunk[at]) | Int(chunk[at + 1]) << 8
    }

    func u32(_ at: Int) throws -> Int {
        guard at >= 0, at + 4 <= chunk.count else { throw BinaryXMLError(offset: at, reason: "past the end of the chunk") }
        return Int(chunk[at]) | Int(chunk[at + 1]) << 8 | Int(chunk[at + 2]) << 16 | Int(chunk[at + 3]) << 24
    }

    func u64(_ at: Int) throws -> UInt64 {
        guard at >= 0, at + 8 <= chunk.count else { throw BinaryXMLError(offset: at, reason: "past the end of the chunk") }
        var value: UInt64 = 0
        for i in (0..<8).reversed() { value = value << 8 | UInt64(chunk[at + i]) }
        return value
    }

    /// `count` UTF-16LE code units at `at`, invalid ones replaced.
    func utf16(_ at: Int, count: Int) throws -> String {
        guard count >= 0, at >= 0, at + count * 2 <= chunk.count else { throw BinaryXMLError(offset: at, reason: "a string runs past the chunk") }
        var units: [UInt16] = []
        units.reserveCapacity(count)
        for i in 0..<count { units.append(UInt16(chunk[at + 2 * i]) | UInt16(chunk[at + 2 * i + 1]) << 8) }
        while units.last == 0 { units.removeLast() }
        return String(decoding: units, as: UTF16.self)
    }

    /// A name structure at a chunk offset: next offset, hash, length, UTF-16 characters, a null.
    func name(at offset: Int) throws -> (String, size: Int) {
        let length = try u16(offset + 6)
        return (try utf16(offset + 8, count: length), 8 + length * 2 + 2)
    }

    // MARK: tokens

    /// A fragment: an optional fragment header (0x0F), then one element or template instance.
    func fragment(at start: Int, end: Int, values: [Value], depth: Int) throws -> XMLElement? {
        guard depth < Self.maximumDepth else { throw BinaryXMLError(offset: start, reason: "templates nested too deep") }
        var position = start
        if try u8(position) == 0x0F { position += 4 }
        let token = try u8(position)
        switch token & 0x0F {
        case 0x0C:
            return try templateInstance(at: position, depth: depth).element
        case 0x01:
            var element: XMLElement?
            _ = try self.element(at: position, end: end, values: values, depth: depth, into: &element)
            return element
        case 0x00:
            return nil
        default:
            throw BinaryXMLError(offset: position, reason: String(format: "token 0x%02x where a fragment begins", token))
        }
    }

    /// A template instance: the template (inline the first time a chunk uses it, by offset
    /// after), then the record's substitution values.
    func templateInstance(at start: Int, depth: Int) throws -> (element: XMLElement?, end: Int) {
        var position = start + 2  // token, unknown byte
        position += 4  // template id
        let definition = try u32(position)
        position += 4
        let dataSize = try u32(definition + 20)
        if definition == position {
            position += 24 + dataSize
        }
        let count = try u32(position)
        position += 4
        guard count <= 4096 else { throw BinaryXMLError(offset: position, reason: "\(count) substitution values") }
        var descriptors: [(size: Int, type: UInt8)] = []
        for i in 0..<count { descriptors.append((try u16(position + 4 * i), try u8(position + 4 * i + 2))) }
        position += 4 * count
        var values: [Value] = []
        for descriptor in descriptors {
            guard position + descriptor.size <= chunk.count else { throw BinaryXMLError(offset: position, reason: "a value runs past the chunk") }
            values.append(Value(type: descriptor.type, offset: position, size: descriptor.size))
            position += descriptor.size
        }
        let body = definition + 24
        let element = try fragment(at: body, end: min(chunk.count, body + dataSize), values: values, depth: depth + 1)
        return (element, position)
    }

    /// An element and its content; returns the position after its end token.
    func element(at start: Int, end: Int, values: [Value], depth: Int, into result: inout XMLElement?) throws -> Int {
        let token = try u8(start)
        var position = start + 1 + 2  // token, dependency id
        position += 4  // data size
        let nameOffset = try u32(position)
        position += 4
        let (elementName, nameSize) = try name(at: nameOffset)
        if nameOffset == position { position += nameSize }
        var element = XMLElement(name: elementName)
        if token & 0x40 != 0 {
            position += 4  // attribute list size
            while position < end, try u8(position) & 0x0F == 0x06 {
                position += 1
                let attributeNameOffset = try u32(position)
                position += 4
                let (attributeName, attributeNameSize) = try name(at: attributeNameOffset)
                if attributeNameOffset == position { position += attributeNameSize }
                var value = ""
                var present = true
                position = try content(at: position, end: end, values: values, depth: depth, single: true, text: &value, children: nil, present: &present)
                if present { element.attributes.append((attributeName, value)) }
            }
        }
        let close = try u8(position)
        position += 1
        switch close {
        case 0x03:
            break  // empty element
        case 0x02:
            var text = ""
            var present = true
            var children: [XMLElement] = []
            position = try content(at: position, end: end, values: values, depth: depth, single: false, text: &text, children: &children, present: &present)
            guard try u8(position) == 0x04 else { throw BinaryXMLError(offset: position, reason: "an element without its end") }
            position += 1
            element.text = text
            element.children = children
        default:
            throw BinaryXMLError(offset: position - 1, reason: String(format: "token 0x%02x after a start element", close))
        }
        result = element
        return position
    }

    /// An element's or attribute's content up to (not including) the end token; an
    /// attribute's is one value.
    func content(at start: Int, end: Int, values: [Value], depth: Int, single: Bool, text: inout String,
                 children: UnsafeMutablePointer<[XMLElement]>?, present: inout Bool) throws -> Int {
        var position = start
        while position < end {
            let token = try u8(position)
            switch token & 0x0F {
            case 0x01:
                guard let children else { return position }
                var child: XMLElement?
                position = try element(at: position, end: end, values: values, depth: depth, into: &child)
                if let child { children.pointee.append(child) }
            case 0x05:  // value text: type (a string), then a length-prefixed UTF-16 string
                let length = try u16(position + 2)
                text += try utf16(position + 4, count: length)
                position += 4 + length * 2
            case 0x07:  // CDATA
                let length = try u16(position + 1)
                text += try utf16(position + 3, count: length)
                position += 3 + length * 2
            case 0x08:  // character reference
                if let scalar = Unicode.Scalar(try u16(position + 1)) { text.unicodeScalars.append(scalar) }
                position += 3
            case 0x09:  // entity reference: a name
                let offset = try u32(position + 1)
                position += 5
                let (entity, size) = try name(at: offset)
                if offset == position { position += size }
                text += ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][entity] ?? ""
            case 0x0D, 0x0E:  // normal or optional substitution: the record's value at an index
                let index = try u16(position + 1)
                position += 4
                guard index < values.count else {
                    if token & 0x0F == 0x0E { present = false; break }
                    throw BinaryXMLError(offset: position - 4, reason: "substitution \(index) of \(values.count)")
                }
                let value = values[index]
                if value.type == 0x21 {
                    // A value that is binary XML itself (EventData of some providers).
                    if let nested = try fragment(at: value.offset, end: value.offset + value.size, values: [], depth: depth + 1) {
                        if let children { children.pointee.append(nested) }
                    }
                } else if value.type == 0x00 || value.size == 0 {
                    if token & 0x0F == 0x0E { present = single ? false : present }
                } else {
                    text += try render(value)
                }
            case 0x0C:
                let (nested, after) = try templateInstance(at: position, depth: depth)
                if let nested, let children { children.pointee.append(nested) }
                position = after
            case 0x0A, 0x0B:
                throw BinaryXMLError(offset: position, reason: "processing instruction")
            default:
                return position  // 0x04 end element, 0x02/0x03, 0x06 next attribute, 0x00 end of fragment
            }
            if single { return position }
        }
        return position
    }

    // MARK: values

    /// A substitution value as text, the way Windows' own XML rendering writes it.
    func render(_ value: Value) throws -> String {
        let at = value.offset, size = value.size
        switch value.type {
        case 0x01: return try utf16(at, count: size / 2)
        case 0x02: return String(decoding: chunk[at..<(at + size)].prefix { $0 != 0 }, as: UTF8.self)
        case 0x03: return String(Int8(bitPattern: try u8(at)))
        case 0x04: return String(try u8(at))
        case 0x05: return String(Int16(truncatingIfNeeded: try u16(at)))
        case 0x06: return String(try u16(at))
        case 0x07: return String(Int32(truncatingIfNeeded: try u32(at)))
        case 0x08: return String(try u32(at))
        case 0x09: return String(Int64(bitPattern: try u64(at)))
        case 0x0A: return String(try u64(at))
        case 0x0B: return String(Float(bitPattern: UInt32(try u32(at))))
        case 0x0C: return String(Double(bitPattern: try u64(at)))
        case 0x0D: return try u32(at) != 0 ? "true" : "false"
        case 0x0E: return chunk[at..<(at + size)].map { String(format: "%02X", $0) }.joined()
        case 0x0F: return try guid(at)
        case 0x10: return size == 8 ? String(format: "0x%016llx", try u64(at)) : String(format: "0x%08x", try u32(at))
        case 0x11: return WindowsFileTime.iso8601(try u64(at)) ?? ""
        case 0x12: return try systemTime(at)
        case 0x13: return try sid(at, size: size)
        case 0x14: return String(format: "0x%08x", try u32(at))
        case 0x15: return String(format: "0x%016llx", try u64(at))
        case 0x81:
            // An array of strings, each null-terminated.
            let text = try utf16(at, count: size / 2)
            return text.split(separator: "\u{0}", omittingEmptySubsequences: false).joined(separator: ", ")
        default:
            return ""
        }
    }

    func guid(_ at: Int) throws -> String {
        let a = try u32(at), b = try u16(at + 4), c = try u16(at + 6)
        let rest = (8..<16).map { String(format: "%02X", chunk[at + $0]) }
        return String(format: "{%08X-%04X-%04X-", a, b, c) + rest[0...1].joined() + "-" + rest[2...].joined() + "}"
    }

    func systemTime(_ at: Int) throws -> String {
        let parts = try (0..<8).map { try u16(at + 2 * $0) }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts[0], parts[1], parts[3], parts[4], parts[5], parts[6], parts[7])
    }

    /// A binary SID: revision, sub-authority count, 48-bit big-endian authority, 32-bit sub-authorities.
    func sid(_ at: Int, size: Int) throws -> String {
        let revision = try u8(at)
        let count = Int(try u8(at + 1))
        guard size >= 8 + 4 * count else { throw BinaryXMLError(offset: at, reason: "a SID shorter than its count") }
        var authority: UInt64 = 0
        for i in 2..<8 { authority = authority << 8 | UInt64(try u8(at + i)) }
        var text = "S-\(revision)-\(authority)"
        for i in 0..<count { text += "-\(UInt32(try u32(at + 8 + 4 * i)))" }
        return text
    }
}

/// Windows FILETIME: 100-nanosecond intervals since 1601-01-01 UTC.
enum WindowsFileTime {
    static let epochDifference: UInt64 = 116_444_736_000_000_000

    /// Seconds since 1970 (whole), nil before 1970 or absurdly late.
    static func unixSeconds(_ filetime: UInt64) -> Int64? {
        guard filetime >= epochDifference else { return nil }
        let seconds = (filetime - epochDifference) / 10_000_000
        return seconds < 32_503_680_000 ? Int64(seconds) : nil
    }

    static func iso8601(_ filetime: UInt64) -> String? {
        guard let seconds = unixSeconds(filetime) else { return nil }
        let micros = Int((filetime - epochDifference) % 10_000_000 / 10)
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, micros)
    }
}
