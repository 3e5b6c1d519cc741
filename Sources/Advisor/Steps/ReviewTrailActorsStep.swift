import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: the accounts that made the changes of the incident (created accounts, added
/// members, enabled or weakened accounts after it began, per the audit trail). Either an
/// administrator's normal work, which they confirm, or an account the intruder holds.
struct ReviewTrailActorsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.findAccount

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard let start = context.input.checker.timeline.start else { return nil }
        // Samba names the actor by SID: the directory's account of that SID is whom to review.
        let index = TrailAccountIndex(context.snapshot)
        var counts: [String: Int] = [:]
        var order: [String] = []
        for (user, made) in DirectoryTrail(context.input.analysis.directoryChanges).actors(after: start) {
            let actor = index.account(actor: user)?.name ?? user
            if counts[actor] == nil { order.append(actor) }
            counts[actor, default: 0] += made.count
        }
        guard !order.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Review the accounts that changed the directory during the incident",
            why: "Per the audit trail, " + order.prefix(5).map { "\($0) made \(counts[$0]!) change(s)" }.joined(separator: ", ")
                + (order.count > 5 ? "…" : "") + " after the incident began. Confirm each with its owner; disable and reset any that was not theirs.",
            logins: order.map(DirectoryTrail.bare), targets: context.directoryTargets)
    }
}
