import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: a privileged group changed after the incident began; a member added then is the
/// intruder's way back even when the account itself is old.
struct ReviewPrivilegedGroupsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.reviewPrivilegedGroup

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let changed = context.checker.findings.filter { $0.rule == .privilegedGroupChanged }.compactMap { finding in
            finding.dn.flatMap { dn in context.snapshot.privilegedGroups.first { $0.group.dn == dn }?.group }
        }
        guard !changed.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Review the privileged groups changed during the incident",
            why: "\(changed.map(\.name).joined(separator: ", ")) changed after the incident began; a member added then is the intruder's way back even when the account itself is old. The commands show who is in each group and, on AD, when each member was added.",
            groups: changed.map { GroupReference(name: $0.name, dn: $0.dn) }, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let reviewPrivilegedGroup = PlanAction("review-privileged-group")
}
