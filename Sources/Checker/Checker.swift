public import Directory
import Foundation
public import LogAnalysis
public import Policy
public import RelayAuditCore

/// One account's verdict after joining the directory and the logs.
public struct AuditVerdict: Sendable {
    /// The directory login name, or the identity as logged when it is not in the directory.
    public var account: String
    public var dn: String?
    public var verdict: AccountVerdict
    /// For a compromised account: whether its password was set after its last abusive AUTH.
    public var passwordResetAfterAbuse: Bool?
    /// Log signals, directory findings and correlations, in that order.
    public var evidence: [EvidenceItem]
    /// The account as the logs named it.
    public var logUser: String?

    public init(account: String, dn: String?, verdict: AccountVerdict, passwordResetAfterAbuse: Bool?, evidence: [EvidenceItem],
                logUser: String?) {
        self.account = account
        self.dn = dn
        self.verdict = verdict
        self.passwordResetAfterAbuse = passwordResetAfterAbuse
        self.evidence = evidence
        self.logUser = logUser
    }
}

/// What the checker concluded.
public struct CheckerResult: Sendable {
    /// Compromised first.
    public var verdicts: [AuditVerdict]
    /// Correlation findings (and one `compromised-account` finding per compromised account).
    public var findings: [Finding]
    public var timeline: IncidentTimeline
    /// Every log account joined to its directory account, in the analysis' order (most
    /// suspicious first): later stages read the join from here instead of redoing it.
    public var joined: [JoinedAccount]
    /// `verdicts` index by verdict key (see `Checker.verdictKey`).
    private var verdictIndex: [String: Int]

    public init(verdicts: [AuditVerdict], findings: [Finding], timeline: IncidentTimeline, joined: [JoinedAccount]) {
        self.verdicts = verdicts
        self.findings = findings
        self.timeline = timeline
        self.joined = joined
        verdictIndex = Dictionary(verdicts.enumerated().map { (Checker.verdictKey(dn: $0.element.dn, logUser: $0.element.logUser), $0.offset) },
                                  uniquingKeysWith: { first, _ in first })
    }

    /// The verdict that covers a joined account: the directory account's when it resolved to
    /// one (several log spellings of one account share it), else the log account's own.
    public func verdict(for joined: JoinedAccount) -> AuditVerdict? {
        verdictIndex[Checker.verdictKey(dn: joined.directory?.dn, logUser: joined.log.user)].map { verdicts[$0] }
    }

    /// The joined accounts whose verdict is compromised, in the analysis' order.
    public var compromisedJoined: [JoinedAccount] { joined.filter { verdict(for: $0)?.verdict == .compromised } }
}

/// Puts the directory's view of each account next to what the mail logs say it did.
public enum Checker {
    public static func check(snapshot: DirectorySnapshot, directoryFindings: [Finding], analysis: LogAnalysis,
                             policy: AuditPolicy, asOf: Instant, correlations: [any Correlation] = Correlations.all) -> CheckerResult {
        let context = CorrelationContext(snapshot: snapshot, directoryFindings: directoryFindings, analysis: analysis, policy: policy, asOf: asOf)
        var hits: [(correlation: RuleID, severity: Severity, hit: CorrelationHit)] = []
        for correlation in correlations {
            let setting = policy.setting(for: correlation.id)
            guard setting.enabled else { continue }
            for hit in correlation.evaluate(context) {
                // A hit that shows the account in an attacker's hands is never below critical.
                let severity = hit.implies == .compromised ? max(setting.severity, .critical) : setting.severity
                hits.append((correlation.id, severity, hit))
            }
        }

        var verdicts: [String: AuditVerdict] = [:]  // key: dn or log user
        func key(dn: String?, logUser: String?) -> String { verdictKey(dn: dn, logUser: logUser) }

        for joined in context.joined where joined.log.activity.authSuccess > 0 || joined.log.verdict != .clean {
            let dn = joined.directory?.dn
            var evidence = joined.log.signals.map(EvidenceItem.logSignal)
            if let dn {
                evidence += context.findings(for: dn).map { .directoryFinding(rule: $0.rule, severity: $0.severity, message: $0.message) }
            }
            verdicts[key(dn: dn, logUser: joined.log.user)] = AuditVerdict(
                account: joined.directory?.name ?? joined.log.user, dn: dn, verdict: joined.log.verdict,
                passwordResetAfterAbuse: nil, evidence: evidence, logUser: joined.log.user)
        }
        for (id, severity, hit) in hits where hit.aboutAccount {
            let k = key(dn: hit.dn, logUser: hit.logUser)
            var verdict = verdicts[k] ?? AuditVerdict(account: hit.account, dn: hit.dn, verdict: .clean, passwordResetAfterAbuse: nil,
                                                     evidence: [], logUser: hit.logUser)
            switch hit.implies {
            case .compromised: verdict.verdict = .compromised
            case .suspicious: verdict.verdict = max(verdict.verdict, .suspicious)
            case .none: break
            }
            verdict.evidence.append(.correlation(rule: id, severity: severity, message: hit.message, facts: .object(hit.evidence)))
            verdicts[k] = verdict
        }
        for joined in context.joined {
            let k = key(dn: joined.directory?.dn, logUser: joined.log.user)
            guard var verdict = verdicts[k], verdict.verdict == .compromised else { continue }
            verdict.passwordResetAfterAbuse = PasswordResetAfterAbuseCorrelation.resetAfterAbuse(joined, context)
            verdicts[k] = verdict
        }

        var findings = hits.map { id, severity, hit in
            Finding(rule: id, severity: severity, account: hit.namesAccount ? hit.account : nil, dn: hit.dn, message: hit.message,
                    evidence: .object(hit.evidence))
        }
        let compromised = policy.setting(for: .compromisedAccount)
        if compromised.enabled {
            let loggedIn = Set(context.joined.filter { $0.log.activity.authSuccess > 0 || $0.log.activity.mailboxLogins > 0 }
                .map { key(dn: $0.directory?.dn, logUser: $0.log.user) })
            // Accounts reset while the abuse went on, and used by the attacker after the reset.
            let outlived = Set(context.joined.compactMap { joined -> String? in
                guard let set = joined.directory?.passwordLastSet, let first = context.firstAbusiveAuth(joined.log),
                      let last = context.lastAbusiveAuth(joined.log), set > first, set < last else { return nil }
                return key(dn: joined.directory?.dn, logUser: joined.log.user)
            })
            // Logons the mail logs cannot show: a campaign's way in through a domain controller.
            var dcEntries: [String: CampaignEntry] = [:]
            for campaign in context.analysis.campaigns {
                for entry in campaign.entered where entry.directory && (entry.memberAddress || entry.memberNetwork) {
                    dcEntries[entry.account.lowercased()] = dcEntries[entry.account.lowercased()] ?? entry
                }
            }
            // Domain controller logons from attacking addresses, by bare account name (the first).
            var attackerLogons: [String: (ip: String, time: Instant)] = [:]
            for source in context.analysis.sources where source.verdict == .attacker {
                for (identity, first) in source.activity.successes where first.directory {
                    let name = PasswordSprayCampaignDetector.bareName(identity)
                    if attackerLogons[name].map({ first.time < $0.time }) ?? true { attackerLogons[name] = (source.ip, first.time) }
                }
            }
            for verdict in verdicts.values where verdict.verdict == .compromised {
                var reset = verdict.passwordResetAfterAbuse.map { $0 ? "its password has been changed since" : "its password has NOT been changed since" }
                    ?? "whether its password changed since is unknown"
                if verdict.passwordResetAfterAbuse == false, outlived.contains(key(dn: verdict.dn, logUser: verdict.logUser)) {
                    reset = "its password was reset during the abuse, and the attacker authenticated after the reset"
                }
                // Say what is known: an account the logs never show logging in was not seen
                // "used"; it is in the intruder's hands by what the directory says of it.
                let created = verdict.evidence.contains { if case .correlation(rule: .persistenceAccount, _, _, _) = $0 { true } else { false } }
                let message = loggedIn.contains(key(dn: verdict.dn, logUser: verdict.logUser)) ? "used by an attacker: \(reset)"
                    : dcEntries[verdict.account.lowercased()].map { entry in
                        "password-spray campaign \(entry.campaign) got into it: a domain controller logon \(entry.how) at \(entry.time.iso8601), "
                            + "after \(entry.failuresOnAccount) failed tr\(entry.failuresOnAccount == 1 ? "y" : "ies"); \(reset)"
                    }
                    ?? attackerLogons[verdict.account.lowercased()].map { logon in
                        "logged on to a domain controller from \(logon.ip), an attacking address, at \(logon.time.iso8601) (never seen in SMTP AUTH); \(reset)"
                    }
                    ?? (created ? "created during the incident and never seen logging in: confirm who created it, disable it until then"
                    : "judged compromised from the directory's evidence, never seen logging in: confirm, disable it until then")
                findings.append(Finding(rule: .compromisedAccount, severity: compromised.severity, account: verdict.account, dn: verdict.dn,
                                        message: message,
                                        evidence: .object([("password_reset_after_abuse", .optional(verdict.passwordResetAfterAbuse))])))
            }
        }
        let ordered = verdicts.values.sorted { ($0.verdict, $1.account.lowercased()) > ($1.verdict, $0.account.lowercased()) }
        return CheckerResult(verdicts: ordered, findings: findings.sorted(by: Finding.reportOrder), timeline: context.timeline,
                             joined: context.joined)
    }

    /// One verdict per directory account (by DN), or per log account when it matched none.
    static func verdictKey(dn: String?, logUser: String?) -> String { dn ?? ("log:" + (logUser ?? "")) }

    /// Every rule id the checker can report, for the policy's completeness test.
    public static var ruleIDs: [RuleID] { Correlations.all.map(\.id) + [.compromisedAccount] }
}

extension RuleID {
    /// The checker's own finding for each compromised account: whether its password changed since.
    public static let compromisedAccount = RuleID("compromised-account")
}
