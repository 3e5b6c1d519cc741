import Directory
import LogAnalysis
import MailLogs
import Policy
public import RelayAuditCore

/// `changes-by-unvouched-account`: an account that changed the directory during the incident
/// (created or enabled accounts, added group members, changed flags, reset passwords, per the
/// audit trail) and is not one of the policy's `known_administrators`. An intruder with a
/// stolen admin password makes exactly these changes under that admin's name: until the owner
/// vouches for them, the account is treated as the intruder's (its verdict is compromised, so
/// the plan disables and resets it). The DC itself (S-1-5-18) and computer accounts are not
/// accounts anyone logs in with.
public struct UnvouchedActorCorrelation: Correlation {
    public let id = RuleID.changesByUnvouchedAccount
    public let summary = "An account not listed as a known administrator changed the directory during the incident."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        guard let start = context.timeline.start else { return [] }
        let known = Set(context.policy.directory.knownAdministrators.map { DirectoryTrail.bare($0).lowercased() })
        let index = TrailAccountIndex(context.snapshot)
        return DirectoryTrail(context.analysis.directoryChanges).actors(after: start).compactMap { actor, made in
            let account = index.account(actor: actor)
            let name = account?.name ?? DirectoryTrail.bare(actor)
            guard !known.contains(name.lowercased()) else { return nil }
            let described = made.prefix(5).map { event in
                let target = event.change?.target ?? event.change?.targetID ?? "an account"
                switch event.action {
                case .accountCreated: return "created \(target)"
                case .accountEnabled: return "enabled \(target)"
                case .memberAdded: return "added \(target) to \(event.change?.group ?? "a group")"
                case .passwordReset: return "reset \(target)'s password"
                default: return "changed \(target)"
                }
            }
            return CorrelationHit(
                account: name, dn: account?.dn, logUser: nil,
                message: "made \(made.count) change(s) to the directory after the incident began on \(context.iso(start)) "
                    + "(\(described.joined(separator: "; "))\(made.count > 5 ? "; …" : "")) and is not a known administrator "
                    + "(directory.known_administrators): treated as held by the intruder until its owner vouches for the changes",
                evidence: [("actor", .string(actor)), ("changes", .int(made.count)), ("first", .string(made[0].time.iso8601)),
                           ("incident_start", .string(context.iso(start)))],
                implies: .compromised)
        }
    }
}

extension RuleID {
    public static let changesByUnvouchedAccount = RuleID("changes-by-unvouched-account")
}
