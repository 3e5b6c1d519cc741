/// How to reach and authenticate to a live directory, after command-line flags and the
/// ldapsearch-style defaults have been combined.
public struct ConnectionOptions: Sendable {
    public enum Authentication: Sendable, Equatable {
        /// Simple bind with a DN; the password is read from its source when binding.
        case simple(bindDN: String, password: PasswordSource)
        /// SASL without a password (EXTERNAL over ldapi://, GSSAPI with a ticket cache).
        case sasl(mechanism: String)
        case anonymous
    }

    public var url: String
    public var authentication: Authentication
    public var startTLS: Bool
    public var caFile: String?
    /// Off only when the user says `--insecure-skip-verify`.
    public var verifyCertificates: Bool
    public var baseDN: String?
    public var pageSize: Int
    public var timeoutSeconds: Int

    public init(url: String, authentication: Authentication, startTLS: Bool, caFile: String?, verifyCertificates: Bool,
                baseDN: String?, pageSize: Int, timeoutSeconds: Int) {
        self.url = url
        self.authentication = authentication
        self.startTLS = startTLS
        self.caFile = caFile
        self.verifyCertificates = verifyCertificates
        self.baseDN = baseDN
        self.pageSize = pageSize
        self.timeoutSeconds = timeoutSeconds
    }

    /// True when the connection is encrypted (ldaps://, StartTLS) or never leaves the host
    /// (ldapi://, loopback addresses).
    public var isProtected: Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("ldaps://") || lower.hasPrefix("ldapi://") || startTLS { return true }
        guard let (host, _) = TCPProbe.endpoint(of: url) else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }
}
