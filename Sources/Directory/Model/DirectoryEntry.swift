import RelayAuditCore
/// One directory object as read from LDAP or LDIF: its DN and its attribute values as bytes.
///
/// Attribute names are stored lower-cased (LDAP names are case-insensitive) and without
/// options such as `;binary`; a ranged `member;range=0-1499` is merged into `member` by
/// whoever reads the ranges. Values stay bytes because some are binary (`objectSid`), and
/// every text value is decoded once, repairing invalid UTF-8, when a mapper asks for it.
public struct DirectoryEntry: Sendable, Equatable {
    public var dn: String
    public private(set) var attributes: [String: [[UInt8]]]

    public init(dn: String, attributes: [String: [[UInt8]]] = [:]) {
        self.dn = dn
        self.attributes = [:]
        for (name, values) in attributes { append(name, values) }
    }

    /// Adds values under `name` (case and options are normalised away).
    public mutating func append(_ name: String, _ values: [[UInt8]]) {
        attributes[Self.normalizedName(name), default: []].append(contentsOf: values)
    }

    /// The canonical form of an attribute description: lower case, options stripped.
    public static func normalizedName(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: ";")) else { return lowercasedASCII(name) }
        let base = name.split(separator: ";", maxSplits: 1).first.map(String.init) ?? name
        return lowercasedASCII(base)
    }

    /// Attribute names are ASCII (RFC 4512): lowercased without Unicode tables, and not copied
    /// at all when already lowercase (every lookup and every stored name passes here).
    static func lowercasedASCII(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) else { return name }
        guard !name.utf8.contains(where: { $0 >= 0x80 }) else { return name.lowercased() }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    public func values(_ name: String) -> [[UInt8]] { attributes[Self.lowercasedASCII(name)] ?? [] }

    public func has(_ name: String) -> Bool { !(attributes[Self.lowercasedASCII(name)] ?? []).isEmpty }

    /// The first value as text.
    public func string(_ name: String) -> String? {
        values(name).first.map { String(decoding: $0, as: UTF8.self) }
    }

    /// All values as text.
    public func strings(_ name: String) -> [String] {
        values(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value as a signed 64-bit integer (AD stores FILETIMEs and flags as decimal text).
    public func int64(_ name: String) -> Int64? { string(name).flatMap { Int64($0.trimmingSpaces) } }

    /// True when `objectClass` lists `name` (case-insensitive).
    /// Compared on the bytes, ASCII case folded (object class names are ASCII, RFC 4512): every
    /// entry is asked this several times, and making lower-cased Strings of every value each time
    /// was a twentieth of reading a large directory.
    public func hasObjectClass(_ name: String) -> Bool {
        guard let values = attributes["objectclass"] else { return false }
        func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        var target = name
        return target.withUTF8 { wanted in
            values.contains { value in
                value.count == wanted.count && zip(value, wanted).allSatisfy { fold($0) == fold($1) }
            }
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces (no Foundation needed).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
