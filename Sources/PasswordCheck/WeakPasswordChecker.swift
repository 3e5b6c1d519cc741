public import Directory
import CPasswordHash
#if canImport(Glibc)
import Glibc
#endif
public import Foundation

/// Tests stored `userPassword` values against passwords the user lists (`--weak-passwords`),
/// the way DSInternals' Test-PasswordQuality tests NT hashes: the report says which accounts
/// use a listed password, never which password.
///
/// Unsalted digests (`{SHA}`, `{MD5}`, `{SHA256}`…) are looked up in a table built once from the
/// list; salted ones (`{SSHA}`, `{SMD5}`, `{SSHA256}`…) and `{CRYPT}` (through libxcrypt, every
/// variant) are tried word by word, so the cost is accounts × words for those, and each distinct
/// stored value is tested once. Slow modern schemes (PBKDF2, ARGON2) are not tested.
public struct WeakPasswordChecker {
    /// What one stored value came to.
    public enum Outcome: Equatable, Sendable {
        case listed
        case notListed
        /// A scheme this check does not test.
        case untested
    }

    let words: [[UInt8]]
    let cleartext: Set<[UInt8]>
    /// digest name → set of digests of every word.
    private var unsaltedTables: [String: Set<[UInt8]>] = [:]
    private var memo: [[UInt8]: Outcome] = [:]

    static let digests: [String: (name: String, size: Int, salted: Bool)] = [
        "SHA": ("SHA1", 20, false), "SSHA": ("SHA1", 20, true),
        "MD5": ("MD5", 16, false), "SMD5": ("MD5", 16, true),
        "SHA256": ("SHA256", 32, false), "SSHA256": ("SHA256", 32, true),
        "SHA384": ("SHA384", 48, false), "SSHA384": ("SHA384", 48, true),
        "SHA512": ("SHA512", 64, false), "SSHA512": ("SHA512", 64, true),
    ]

    public init(words: [String]) {
        self.words = words.map { Array($0.utf8) }
        cleartext = Set(self.words)
    }

    /// Reads a word list: one password per line (a trailing CR is dropped; empty lines and
    /// nothing else are skipped; `#` is an ordinary character, as passwords may hold it).
    public static func words(fromFileContents data: Data) -> [String] {
        // Split on the byte: "\r\n" is one Character to Swift and would not split.
        Array(data).split(separator: 0x0A, omittingEmptySubsequences: true).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }.filter { !$0.isEmpty }
    }

    /// Marks each account: listed if any of its stored values matches a listed password,
    /// not listed if every value was tested, nil if none could be. Empties `passwordValues`.
    public mutating func check(_ snapshot: inout DirectorySnapshot) -> (checked: Int, listed: Int, untested: Int) {
        var checked = 0, listed = 0, untested = 0
        for index in snapshot.accounts.indices {
            let values = snapshot.accounts[index].passwordValues
            snapshot.accounts[index].passwordValues = []
            guard !values.isEmpty else { continue }
            let outcomes = values.map { outcome(for: $0) }
            if outcomes.contains(.listed) {
                snapshot.accounts[index].passwordInWordList = true
                listed += 1
                checked += 1
            } else if outcomes.allSatisfy({ $0 == .notListed }) {
                snapshot.accounts[index].passwordInWordList = false
                checked += 1
            } else {
                untested += 1
            }
        }
        return (checked, listed, untested)
    }

    /// Whether one stored `userPassword` value hides a listed password.
    public mutating func outcome(for stored: [UInt8]) -> Outcome {
        if let known = memo[stored] { return known }
        let result = test(stored)
        memo[stored] = result
        return result
    }

    private mutating func test(_ stored: [UInt8]) -> Outcome {
        guard stored.first == UInt8(ascii: "{"), let close = stored.firstIndex(of: UInt8(ascii: "}")), close > 1 else {
            return cleartext.contains(stored) ? .listed : .notListed
        }
        let scheme = String(decoding: stored[1..<close], as: UTF8.self).uppercased()
        let rest = Array(stored[(close + 1)...])
        switch scheme {
        case "CLEARTEXT", "CLEAR", "PLAIN":
            return cleartext.contains(rest) ? .listed : .notListed
        case "CRYPT":
            return testCrypt(rest)
        default:
            guard let digest = Self.digests[scheme], let decoded = Data(base64Encoded: Data(rest)).map(Array.init),
                  decoded.count >= digest.size else { return .untested }
            if !digest.salted {
                guard decoded.count == digest.size else { return .untested }
                return table(for: digest.name).contains(decoded) ? .listed : .notListed
            }
            let hash = Array(decoded[0..<digest.size]), salt = Array(decoded[digest.size...])
            for word in words where Self.digest(digest.name, word + salt) == hash { return .listed }
            return .notListed
        }
    }

    private mutating func table(for name: String) -> Set<[UInt8]> {
        if let table = unsaltedTables[name] { return table }
        let table = Set(words.compactMap { Self.digest(name, $0) })
        unsaltedTables[name] = table
        return table
    }

    private func testCrypt(_ hash: [UInt8]) -> Outcome {
        let setting = String(decoding: hash, as: UTF8.self)
        var out = [CChar](repeating: 0, count: 512)
        for word in words {
            let phrase = String(decoding: word, as: UTF8.self)
            guard cph_crypt(phrase, setting, &out, out.count) == 1 else { return .untested }
            let result = out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if result == setting { return .listed }
        }
        return .notListed
    }

    static func digest(_ name: String, _ data: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 64)
        let size = data.withUnsafeBufferPointer { cph_digest(name, $0.baseAddress, $0.count, &out) }
        return size == 0 ? nil : Array(out[0..<Int(size)])
    }
}
