import Directory
import Foundation
import LogAnalysis
import MailLogs
public import RelayAuditCore

/// `privileged-group-changed`: a privileged group (nested ones included) modified after the
/// incident began. Adding a member changes the group (`whenChanged`, `modifyTimestamp`), not
/// the member, so this is where an intruder's new Domain Admin shows even when the account is
/// old. The directory keeps no history here: the finding says "review these members", and
/// the plan gives the command that shows when each was added (AD replication metadata).
public struct PrivilegedGroupChangedCorrelation: Correlation {
    public let id = RuleID.privilegedGroupChanged
    public let summary = "A privileged group was modified after the incident began."
    public init() {}

    /// Members listed in the message; the evidence keeps them all.
    static let membersShown = 10

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        guard let start = context.timeline.start else { return [] }
        let names = Dictionary(context.snapshot.accounts.map { (DistinguishedName.key($0.dn), $0.name) }, uniquingKeysWith: { a, _ in a })
        let trail = DirectoryTrail(context.analysis.directoryChanges)
        let actors = DirectoryTrail.sidNames(context.snapshot)
        return context.snapshot.privilegedGroups.compactMap { privileged in
            let group = privileged.group
            // The audit trail says who added whom, and when; without it, only that the group changed.
            let additions = trail.additions(to: group.name).filter { $0.time > start }
            guard let changed = additions.last?.time ?? group.changed, changed > start else { return nil }
            let members = group.members.map { names[DistinguishedName.key($0)] ?? DistinguishedName.firstValue($0) } + group.memberNames
            let created = context.snapshot.accounts.filter { account in
                account.created.map { $0 > start } == true
                    && group.members.contains { DistinguishedName.key($0) == DistinguishedName.key(account.dn) }
            }.map(\.name)
            let via = privileged.via.count > 1 ? " (\(privileged.via.joined(separator: " → ")))" : ""
            var message = "\(group.name)\(via) was modified \(changed.iso8601), after the incident began on \(context.iso(start)): "
            message += members.isEmpty ? "it has no members now; check what was removed" :
                "review its \(members.count) member(s): \(members.prefix(Self.membersShown).joined(separator: ", "))\(members.count > Self.membersShown ? ", …" : "")"
            if !created.isEmpty { message += "; created during the incident: \(created.joined(separator: ", "))" }
            let added = additions.map { event in
                "\(event.change?.target ?? event.change?.targetID ?? "a member") added \(event.time.iso8601) \(DirectoryTrail.actor(event, names: actors))"
            }
            if !added.isEmpty { message += "; the audit trail: " + added.prefix(Self.membersShown).joined(separator: "; ") }
            var hit = CorrelationHit(
                account: group.name, dn: group.dn, logUser: nil, message: message,
                evidence: [("changed", .string(changed.iso8601)), ("incident_start", .string(context.iso(start))),
                           ("members", .strings(members)), ("created_during_incident", .strings(created)), ("via", .strings(privileged.via)),
                           ("added", .array(additions.map { event in
                               .object([("member", .optional(event.change?.target)), ("member_id", .optional(event.change?.targetID)),
                                        ("by", .optional(event.user)), ("host", .optional(event.windows?.host)), ("time", .string(event.time.iso8601))])
                           }))])
            hit.aboutAccount = false
            return hit
        }
    }
}

extension RuleID {
    public static let privilegedGroupChanged = RuleID("privileged-group-changed")
}
