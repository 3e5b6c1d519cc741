import RelayAuditCore
/// One directory object as read from LDAP or LDIF: its DN and its attribute values as bytes.
///
/// Attribute names are stored lower-cased (LDAP names are case-insensitive) and without
/// options such as `;binary`; a ranged `member;range=0-1499` is merged into `member` by
/// whoever reads the ranges. Values stay bytes because some are binary (`objectSid`), and
/// every text value is decoded once, repairing invalid UTF-8, when a mapper asks for it.
public struct DirectoryEntry: Sendable, Equatable {
    public var dn: String
    /// Keyed case-insensitively: mappers ask for `pwdAccountLockedTime`, the server may write
    /// `pwdaccountlockedtime`, and lower-casing the name for every lookup (thirty per entry)
    /// was a tenth of mapping a large directory.
    private var storage: [AttributeName: [[UInt8]]]

    public init(dn: String, attributes: [String: [[UInt8]]] = [:]) {
        self.dn = dn
        storage = [:]
        for (name, values) in attributes { append(name, values) }
    }

    /// Attribute values by lower-cased name.
    public var attributes: [String: [[UInt8]]] {
        Dictionary(storage.map { (Self.lowercasedASCII($0.key.name), $0.value) }, uniquingKeysWith: +)
    }

    /// Adds values under `name` (case and options are normalised away).
    public mutating func append(_ name: String, _ values: [[UInt8]]) {
        storage[AttributeName(Self.normalizedName(name)), default: []].append(contentsOf: values)
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

    public func values(_ name: String) -> [[UInt8]] { storage[AttributeName(name)] ?? [] }

    public func has(_ name: String) -> Bool { !(storage[AttributeName(name)] ?? []).isEmpty }

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
        guard let values = storage[AttributeName("objectclass")] else { return false }
        var target = name
        return target.withUTF8 { wanted in values.contains { $0.withUnsafeBufferPointer { AttributeName.equalFolded($0, wanted) } } }
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

/// An attribute name compared and hashed with ASCII letters case-folded (RFC 4512 names are
/// ASCII and case-insensitive), so a lookup needs no lower-cased copy of the name.
struct AttributeName: Hashable, Sendable {
    let name: String

    init(_ name: String) { self.name = name }

    private static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    func hash(into hasher: inout Hasher) {
        var copy = name
        copy.withUTF8 { bytes in
            for b in bytes { hasher.combine(Self.fold(b)) }
            hasher.combine(bytes.count)
        }
    }

    static func == (lhs: AttributeName, rhs: AttributeName) -> Bool {
        var a = lhs.name, b = rhs.name
        return a.withUTF8 { x in b.withUTF8 { y in equalFolded(x, y) } }
    }

    /// Equal bytes once ASCII letters are case-folded.
    static func equalFolded(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        for i in 0..<x.count where fold(x[i]) != fold(y[i]) { return false }
        return true
    }
}
