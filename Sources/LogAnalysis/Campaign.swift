public import MailLogs
public import RelayAuditCore

/// An attack seen across addresses and accounts: a password-spray campaign.
public struct Campaign: Sendable {
    /// The detector that found it.
    public var id: SignalID
    /// 1, 2, … in order of start, so reports and plans can name it.
    public var number: Int
    public var first: Instant
    public var last: Instant
    /// Failed logins it made (typos corrected at once, and names its addresses got into, aside).
    public var failures: Int
    public var addressCount: Int
    /// Every network it came from (IPv4 /24, IPv6 /64), most addresses first.
    public var networks: [CampaignNetwork]
    /// Distinct networks: IPv4 /24, IPv6 /64 and IPv6 /48.
    public var networkCounts: (v4Slash24: Int, v6Slash64: Int, v6Slash48: Int)
    /// Distinct usernames tried (an estimate when `usernamesEstimated`).
    public var usernameCount: Int
    public var usernamesEstimated: Bool
    /// The most-tried usernames (up to 100), with whether each is an account the logs saw log in.
    public var topUsernames: [CampaignUsername]
    /// Every username it tried that the logs saw log in (accounts, not invented names), by name:
    /// the accounts whose passwords to change first. `audit` adds those the directory holds.
    public var accountsTried: [String] = []
    /// Addresses per failure reason and per service, most first.
    public var reasons: [(reason: String, addresses: Int)]
    public var services: [(service: Service, addresses: Int)]
    /// Accounts it tried that then logged in from its addresses or networks, or from a network
    /// new to them.
    public var entered: [CampaignEntry]
    /// Its addresses, sorted: all of them up to `sampleLimit`, else the first `sampleLimit`
    /// (the plan blocks a small campaign address by address, a large one by network).
    public var addressSample: [String]
    /// Its addresses' positions in the analysis' `SourceTable`.
    var memberPositions: [Int32] = []
    /// Fingerprints of the bare names it tried (`alice` for `CORP\alice` and
    /// `alice@any.domain`), to find the directory accounts it tried.
    public var bareNamesTried: Set<UInt64> = []
    /// Fingerprints (`LoginHash`) of the usernames it tried, with when each was first tried and
    /// how often (exact up to `FailedUsernames.capacity` names).
    public var tried: [UInt64: CampaignTries]

    public init(id: SignalID, number: Int, first: Instant, last: Instant, failures: Int, addressCount: Int, networks: [CampaignNetwork],
                networkCounts: (Int, Int, Int), usernameCount: Int, usernamesEstimated: Bool, topUsernames: [CampaignUsername],
                reasons: [(reason: String, addresses: Int)], services: [(service: Service, addresses: Int)], entered: [CampaignEntry],
                addressSample: [String], tried: [UInt64: CampaignTries]) {
        self.id = id
        self.number = number
        self.first = first
        self.last = last
        self.failures = failures
        self.addressCount = addressCount
        self.networks = networks
        self.networkCounts = networkCounts
        self.usernameCount = usernameCount
        self.usernamesEstimated = usernamesEstimated
        self.topUsernames = topUsernames
        self.reasons = reasons
        self.services = services
        self.entered = entered
        self.addressSample = addressSample
        self.tried = tried
    }

    public static let sampleLimit = 1_000

    /// "campaign 1 (2026-11-23T20:00:00Z → 2026-11-24T10:00:00Z)".
    public var name: String { "campaign \(number) (\(first.iso8601) → \(last.iso8601))" }
}

/// One network a campaign came from.
public struct CampaignNetwork: Sendable, Equatable {
    public var network: NetworkKey
    public var addresses: Int
    public var failures: Int
}

/// One username a campaign tried.
public struct CampaignUsername: Sendable, Equatable {
    public var name: String
    public var failures: Int
    public var addresses: Int
    /// The logs saw it log in (an account, not an invented name).
    public var loggedIn: Bool
}

/// How a campaign tried one username.
public struct CampaignTries: Sendable, Equatable {
    public var failures: Int32
    public var addresses: Int32
    public var first: Instant
}

/// An account a campaign tried that then logged in from somewhere that ties the login to it.
public struct CampaignEntry: Sendable, Equatable {
    public var account: String
    /// The login as written.
    public var identity: String
    public var address: String
    public var time: Instant
    /// The login was to a mailbox (IMAP, POP3), not SMTP AUTH.
    public var mailbox: Bool
    /// The login was a domain controller's (Kerberos, NTLM, LDAP bind), not mail.
    public var directory: Bool = false
    /// The address itself took part in the campaign.
    public var memberAddress: Bool
    /// Its network (/24, /64) took part.
    public var memberNetwork: Bool
    /// The campaign's failures on this account, and its first try.
    public var failuresOnAccount: Int
    public var firstTry: Instant
    public var campaign: Int

    /// "SMTP AUTH", "mailbox login" or "directory logon".
    public var kind: String { directory ? "directory logon" : mailbox ? "mailbox login" : "SMTP AUTH" }

    /// "from 45.1.2.3, one of the campaign's addresses" and the like.
    public var how: String {
        memberAddress ? "from \(address), one of the campaign's addresses"
            : memberNetwork ? "from \(address), in one of the campaign's networks"
            : "from \(address), a network new to the account"
    }
}
