import Checker
import Directory
import LogAnalysis
import MailLogs
import RelayAuditCore

/// Eradicate: members the audit trail shows added to a privileged group during the incident:
/// take each one out again (an administrator's own addition is put back after review).
struct RemoveAddedMembersStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.removeGroupMember

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard let start = context.input.checker.timeline.start else { return nil }
        let privileged = Set(context.input.snapshot.privilegedGroups.map { $0.group.name.lowercased() })
        var seen = Set<String>()
        let memberships: [(member: String, group: String)] = context.input.analysis.directoryChanges.compactMap { event in
            guard event.action == .memberAdded, event.time > start, let group = event.change?.group,
                  privileged.contains(DirectoryTrail.bare(group).lowercased()),
                  let member = event.change?.target ?? event.change?.targetID else { return nil }
            let membership = (member: member, group: DirectoryTrail.bare(group))
            return seen.insert(membership.member.lowercased() + "\u{0}" + membership.group.lowercased()).inserted ? membership : nil
        }
        guard !memberships.isEmpty else { return nil }
        var draft = PlanStepDraft(
            title: "Remove the members added to privileged groups during the incident",
            why: "The directory's audit trail shows \(memberships.count) addition(s) to privileged groups after the incident began: "
                + memberships.prefix(5).map { "\($0.member) to \($0.group)" }.joined(separator: ", ") + (memberships.count > 5 ? "…" : "") + ".",
            targets: context.directoryTargets)
        draft.memberships = memberships
        return draft
    }
}

extension PlanAction {
    public static let removeGroupMember = PlanAction("remove-group-member")
}
