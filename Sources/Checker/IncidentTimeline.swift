public import LogAnalysis
public import RelayAuditCore

/// When the incident started, as the logs tell it: the first successful AUTH by an attacking
/// address into an account judged compromised, or the first failure of an attacking address
/// (the spray) or of a password-spray campaign, whichever came first. Persistence is judged against this moment.
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
        let hostile = Set(analysis.sources.filter { $0.verdict == .attacker }.map(\.ip))
        for account in analysis.accounts where account.verdict == .compromised {
            for (ip, window) in account.activity.successSources where hostile.contains(ip) || hostile.isEmpty {
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
