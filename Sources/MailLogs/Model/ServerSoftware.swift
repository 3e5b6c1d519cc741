public import RelayAuditCore

/// A mail server's own name and version, as it wrote them when it started (Postfix's `master:
/// daemon started -- version 3.7.11`, Exim's `exim 4.96 daemon started`, Sendmail's `starting
/// daemon (8.17.1.9)`, Dovecot's `Dovecot v2.3.19.1 … starting up`, Exchange's `#Version:`
/// header). Not an event: a fact about the server, for the plan's "bring it up to date" step.
/// The version is the server's text; renderers escape it like any log string.
public struct ServerSoftware: Sendable, Equatable, Hashable {
    /// The plan target the product belongs to: `postfix`, `exim`, `sendmail`, `dovecot`, `exchange`.
    public var product: String
    public var version: String
    /// When the line was written (the start).
    public var time: Instant
    public var fileIndex: Int
    public var offset: Int64
    /// The file's path, filled in by the reader (readers know only the index).
    public var file: String?

    public init(product: String, version: String, time: Instant, fileIndex: Int, offset: Int64) {
        self.product = product
        self.version = version
        self.time = time
        self.fileIndex = fileIndex
        self.offset = offset
    }

    /// The display name of `product`.
    public var displayName: String {
        switch product {
        case "postfix": "Postfix"
        case "exim": "Exim"
        case "sendmail": "Sendmail"
        case "dovecot": "Dovecot"
        case "exchange": "Microsoft Exchange"
        default: product
        }
    }

    /// A version as servers print them: digits and dots (and Exchange's leading zeros), at
    /// most 32 characters; anything else in a start line is not kept.
    public static func cleanVersion<S: StringProtocol>(_ text: S) -> String? {
        let version = text.prefix { $0.isNumber || $0 == "." || $0.isLetter || $0 == "_" || $0 == "-" }
        guard let first = version.first, first.isNumber, version.count <= 32 else { return nil }
        return String(version)
    }
}

/// The newest start of each product seen so far (the version running now).
public struct ServerSoftwareLog: Sendable {
    private(set) var latest: [String: ServerSoftware] = [:]

    public init() {}

    public mutating func record(_ software: ServerSoftware) {
        if let known = latest[software.product], known.time > software.time { return }
        latest[software.product] = software
    }

    public mutating func merge(_ other: [ServerSoftware]) { other.forEach { record($0) } }

    public var all: [ServerSoftware] { latest.values.sorted { $0.product < $1.product } }
}
