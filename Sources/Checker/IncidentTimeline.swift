public import LogAnalysis
public import RelayAuditCore

/// When the incident started, as the logs tell it: the first successful AUTH the attribution
/// gives the attacker into an account judged compromised, or the first failure of an attacking
/// address (the spray) or of a password-spray campaign, whichever came first. Persistence is
/// judged against this moment. A stale device is not an attacker and the server's own helper
/// is not a client, so neither starts it; the owner's logins never do.
public struct IncidentTimeline: Sendable, Equatable {
    public var firstAbusiveAuth: Instant?
    public var firstAttack: Instant?

    public var start: Instant? {
        switch (firstAbusiveAuth, firstAttack) {
        case let (a?, b?): min(a, b)
        case let (a?, nil): a
        case let (nil, b?): b
        case (nil, nil): nil
        }
    }

    public init(analysis: LogAnalysis) {
        let attribution = analysis.attribution
        // With no attacker's login anywhere, an abused account's logins that are not its owner's.
        let anyAttacker = analysis.accounts.contains { !attribution.attackerAddresses(of: $0.user).isEmpty }
        for account in analysis.accounts where account.verdict == .compromised {
            for (ip, window) in account.activity.successSources where !analysis.infrastructure.contains(ip) {
                let label = attribution.label(account: account.user, address: ip)
                guard anyAttacker ? label == .attacker : label != .owner else { continue }
                firstAbusiveAuth = min(firstAbusiveAuth ?? .distantFuture, window.first)
            }
        }
        for source in analysis.sources where source.verdict == .attacker && source.activity.authFailure > 0 {
            firstAttack = min(firstAttack ?? .distantFuture, source.activity.firstSeen)
        }
        // A password spray is an attack from its first try, whoever it got into.
        for campaign in analysis.campaigns { firstAttack = min(firstAttack ?? .distantFuture, campaign.first) }
    }

    public init(firstAbusiveAuth: Instant?, firstAttack: Instant?) {
        self.firstAbusiveAuth = firstAbusiveAuth
        self.firstAttack = firstAttack
    }
}
