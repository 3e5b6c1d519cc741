/// A failure reported by libldap, with the server's diagnostic and a hint in words.
///
/// libldap's own messages are terse and, for TLS on Debian's GnuTLS build, opaque (-1 "Can't
/// contact LDAP server", diagnostic "(unknown error code)"); the hint says what to check.
public struct LDAPError: Error, Sendable, CustomStringConvertible {
    /// The LDAP result code or the negative libldap API code.
    public var code: Int32
    /// What the tool was doing ("bind as …", "search …").
    public var operation: String
    /// `ldap_err2string(code)`.
    public var message: String
    /// The server's diagnostic message, if any.
    public var diagnostic: String?
    /// What to check, when the code says something useful.
    public var hint: String?

    public var description: String {
        var text = "\(operation): \(message) (LDAP \(code))"
        if let diagnostic, !diagnostic.isEmpty, diagnostic != "(unknown error code)" {
            text += ": \(diagnostic)"
        }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// LDAP result codes the tool names (RFC 4511 and ldap.h).
    public enum Code {
        public static let serverDown: Int32 = -1
        public static let timeout: Int32 = -5
        public static let connectError: Int32 = -11
        public static let decodingError: Int32 = -4
        public static let timeLimitExceeded: Int32 = 3
        public static let sizeLimitExceeded: Int32 = 4
        public static let strongAuthRequired: Int32 = 8
        public static let referral: Int32 = 10
        public static let adminLimitExceeded: Int32 = 11
        public static let noSuchObject: Int32 = 32
        public static let inappropriateAuthentication: Int32 = 48
        public static let invalidCredentials: Int32 = 49
        public static let insufficientAccess: Int32 = 50
        public static let unwillingToPerform: Int32 = 53
    }

    /// A hint for `code` in the context of `url`.
    static func hint(for code: Int32, url: String, tlsReachable: Bool?) -> String? {
        switch code {
        case Code.serverDown, Code.connectError:
            switch tlsReachable {
            case true?:
                return "the server accepts TCP connections, so the TLS handshake failed: check that --ca-file (or LDAPTLS_CACERT) holds the CA that signed the server certificate and that the certificate names the host exactly as written in \(url)"
            case false?:
                return "nothing answers at \(url): check the host, the port and that the server is running"
            case nil:
                return "check the host and port, and for ldaps:// or --starttls the CA file and the certificate's host name"
            }
        case Code.timeout:
            return "the server did not answer in time; raise --timeout or check the network"
        case Code.invalidCredentials:
            return "wrong bind DN or password (Active Directory also answers 49 for disabled, expired or locked bind accounts; see the diagnostic's 'data' code)"
        case Code.strongAuthRequired:
            return "the server refuses simple binds without TLS: use ldaps:// or --starttls"
        case Code.sizeLimitExceeded:
            return "the server stopped the search at its size limit, also with half the page size; the result would be incomplete, so nothing is reported. Lower --page-size below the bind identity's size limit (389 Directory Server counts one entry past a full page against it), ask for a higher limit, or check that paged results (RFC 2696) are allowed"
        case Code.timeLimitExceeded:
            return "the server stopped the search at its time limit; raise --timeout or the server's limit for the bind identity"
        case Code.adminLimitExceeded:
            return "the server refused the page size: lower --page-size (Active Directory allows 1000 by default)"
        case Code.insufficientAccess:
            return "the bind identity may not read this; use an account with read access to users and groups"
        case Code.noSuchObject:
            return "the base DN does not exist on this server: check --base (or LDAPBASE)"
        case Code.referral:
            return "the server referred the search elsewhere: the base DN belongs to another server or naming context"
        case Code.inappropriateAuthentication:
            return "the server does not accept this kind of bind for this identity"
        default:
            return nil
        }
    }
}
