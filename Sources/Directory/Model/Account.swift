public import RelayAuditCore
import Foundation

/// One user account in the directory's own terms, mapped into a model every rule can read
/// whatever the directory product.
///
/// Optional values are nil when the directory does not record them or the bind could not read
/// them; rules never guess a value that is absent.
public struct Account: Sendable {
    /// Distinguished name: the account's unique id in reports.
    public var dn: String
    /// Login name: sAMAccountName on AD, uid elsewhere (cn as a last resort).
    public var name: String
    public var displayName: String?
    public var state: EnabledState
    /// Windows security identifier (`S-1-5-21-…-1104`), AD only.
    public var sid: String?
    /// Relative id, the last part of the SID: 500 Administrator, 501 Guest, 502 krbtgt.
    public var rid: UInt32?
    public var userPrincipalName: String?
    /// Every mail address the account owns: `mail`, `proxyAddresses` (SMTP:/smtp:),
    /// `mailAlternateAddress`, `mailLocalAddress`. The primary address first.
    public var mail: [String]
    public var created: Instant?
    public var changed: Instant?
    /// When the password was last set; nil when never set or not recorded.
    public var passwordLastSet: Instant?
    /// AD `pwdLastSet` = 0 or ppolicy `pwdReset`: the next logon must change the password.
    public var mustChangePassword: Bool
    public var passwordNeverExpires: Bool
    /// Why the password never expires (the flag, shadow field or policy that says so).
    public var passwordNeverExpiresReason: String?
    public var passwordNotRequired: Bool
    /// AD userAccountControl ENCRYPTED_TEXT_PWD_ALLOWED: stored reversibly at the next set.
    public var reversibleEncryption: Bool
    /// AD DONT_REQ_PREAUTH: anyone can request an AS-REP to crack offline.
    public var preauthNotRequired: Bool
    public var servicePrincipalNames: [String]
    public var lastLogon: Instant?
    public var lastLogonSource: LastLogonSource?
    /// False when the directory keeps no last-logon data at all (OpenLDAP without lastbind).
    public var lastLogonRecorded: Bool
    /// When the account expires; nil for never.
    public var expires: Instant?
    public var lockedOut: Bool
    public var lockedSince: Instant?
    /// AD `adminCount` = 1: once protected by AdminSDHolder (stays set after removal).
    public var adminCount: Bool
    /// DNs of the groups the account is a direct member of.
    public var memberOf: [String]
    public var primaryGroupRID: UInt32?
    /// Member (direct or nested) of a privileged group, or a privileged built-in account.
    public var privileged: Bool
    /// How the account is privileged: group names, outermost last, or "RID 500".
    public var privilegedVia: [String]
    /// Stored password values, classified (never the hash).
    public var passwordStorage: [PasswordStorage]
    /// The password policy that governs the account (AD msDS-ResultantPSO, ppolicy pwdPolicySubentry).
    public var passwordPolicyDN: String?
    /// Raw AD userAccountControl, for evidence.
    public var userAccountControl: UInt32?
    public var badPasswordCount: Int?
    /// Attributes a rule needs that the bind could not read.
    public var unreadableAttributes: [String]
    /// The stored `userPassword` values themselves: kept only while `--weak-passwords` checks
    /// them (the builder's `keepPasswordValues`), emptied right after, never rendered.
    public var passwordValues: [[UInt8]] = []
    /// Whether the password is on the user's word list: nil when not checked (no
    /// `--weak-passwords`, or no hash of a scheme the check can test).
    public var passwordInWordList: Bool?
    /// A mailbox the mail system made for itself (Zimbra's spam/ham training, GAL sync and
    /// quarantine accounts): a random password nobody types, no logins. Age and staleness
    /// rules skip it; everything else (enabled, privileged, weak storage) still applies.
    public var systemAccount = false

    public init(dn: String, name: String) {
        self.dn = dn
        self.name = name
        state = .unknown
        mail = []
        mustChangePassword = false
        passwordNeverExpires = false
        passwordNotRequired = false
        reversibleEncryption = false
        preauthNotRequired = false
        servicePrincipalNames = []
        lastLogonRecorded = true
        lockedOut = false
        adminCount = false
        memberOf = []
        privileged = false
        privilegedVia = []
        passwordStorage = []
        unreadableAttributes = []
    }

    public var isEnabled: Bool { state == .enabled }
    public var isGuest: Bool { rid == WellKnownRID.guest }
    public var isKrbtgt: Bool { rid == WellKnownRID.krbtgt }
    public var isBuiltinAdministrator: Bool { rid == WellKnownRID.administrator }
}
