import Directory
import Foundation
import RelayAuditCore

/// Builds accounts for rule examples: an enabled, unprivileged, recently active user with a
/// fresh password unless a test says otherwise.
public struct AccountBuilder {
    public static let asOf = Instant(seconds: 1_795_000_000)  // 2026-11-17T…Z

    public static func daysAgo(_ days: Double) -> Instant { asOf.adding(seconds: -Int64((days * 86_400).rounded(.down))) }

    /// A healthy account named `name`; `configure` changes what the example is about.
    public static func account(_ name: String = "alice", _ configure: (inout Account) -> Void = { _ in }) -> Account {
        var account = Account(dn: "CN=\(name),OU=Staff,DC=corp,DC=example", name: name)
        account.state = .enabled
        account.created = daysAgo(900)
        account.passwordLastSet = daysAgo(20)
        account.lastLogon = daysAgo(2)
        account.lastLogonSource = .lastLogon
        account.userAccountControl = 512
        configure(&account)
        return account
    }

    /// A snapshot holding `accounts` (and optionally policies).
    public static func snapshot(_ accounts: [Account], kind: DirectoryKind = .activeDirectory,
                                policies: [PasswordPolicyFacts] = []) -> DirectorySnapshot {
        var snapshot = DirectorySnapshot(kind: kind, source: "test")
        snapshot.accounts = accounts
        snapshot.policies = policies
        return snapshot
    }
}
