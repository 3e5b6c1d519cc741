import LogAnalysis
import MailLogs
import Directory
import Foundation
public import RelayAuditCore

/// `persistence-account`: an account created after the incident began (the first abusive AUTH
/// or the first failure of an attacking address): the intruder's way back in until someone on
/// staff vouches for it. Critical when the account is privileged.
public struct PersistenceCorrelation: Correlation {
    public let id = RuleID.persistenceAccount
    public let summary = "An account was created after the incident began."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        guard let start = context.timeline.start else { return [] }
        let trail = DirectoryTrail(context.analysis.directoryChanges)
        let names = DirectoryTrail.sidNames(context.snapshot)
        return context.snapshot.accounts.compactMap { account in
            // The audit trail names who created it, where and exactly when; the directory only when.
            let record = trail.creation(of: account)
            guard let created = record?.time ?? account.created, created > start else { return nil }
            let privileged = account.privileged ? ", and is privileged (\(account.privilegedVia.joined(separator: " → ")))" : ""
            let used = context.joined.first { $0.directory?.dn == account.dn && $0.log.activity.authSuccess > 0 }
            let usedText = used.map { " It has authenticated over SMTP \($0.log.activity.authSuccess) time(s)." } ?? ""
            let actor = record.map { " " + DirectoryTrail.actor($0, names: names) } ?? ""
            var evidence: [(String, JSONValue)] = [("created", .string(created.iso8601)), ("incident_start", .string(context.iso(start))),
                                                  ("privileged", .bool(account.privileged)), ("privileged_via", .strings(account.privilegedVia))]
            if let record {
                evidence += [("created_by", .optional(record.user)), ("created_on_host", .optional(record.windows?.host)),
                             ("created_from", .optional(record.sourceIP)), ("trail_event", .optional(record.windows.map { String($0.eventCode) }))]
            }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: used?.log.user,
                message: "created \(created.iso8601)\(actor), after the incident began on \(context.iso(start))\(privileged).\(usedText)",
                evidence: evidence,
                implies: account.privileged || used != nil ? .compromised : .suspicious)
        }
    }
}

extension RuleID {
    public static let persistenceAccount = RuleID("persistence-account")
}
