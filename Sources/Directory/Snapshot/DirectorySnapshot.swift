import RelayAuditCore
import Foundation

/// Everything the reader learned about one directory, ready for the rules and the checker.
public struct DirectorySnapshot: Sendable {
    public var kind: DirectoryKind
    /// `ldaps://host` or the LDIF file path.
    public var source: String
    public var baseDN: String?
    /// User accounts, sorted by login name.
    public var accounts: [Account]
    /// Password policies: the default one first.
    public var policies: [PasswordPolicyFacts]
    public var groupCount: Int
    /// The privileged groups, nested ones included.
    public var privilegedGroups: [PrivilegedGroup]
    /// AD domain SID.
    public var domainSID: String?
    /// False when no account carries last-logon data: the directory does not record logons,
    /// so staleness must come from the mail logs instead.
    public var lastLogonRecorded: Bool
    /// Notes for the report about what could not be read or measured.
    public var notes: [String]

    public init(kind: DirectoryKind, source: String) {
        self.kind = kind
        self.source = source
        accounts = []
        policies = []
        groupCount = 0
        privilegedGroups = []
        lastLogonRecorded = true
        notes = []
    }

    /// The policy that applies when an account names none.
    public var defaultPolicy: PasswordPolicyFacts? { policies.first { $0.isDefault } }

    /// Accounts whose enabled state could not be read.
    public var unreadableAccountCount: Int { accounts.count { $0.state == .unknown } }
}
