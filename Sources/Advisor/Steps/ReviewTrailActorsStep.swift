import Checker
import Directory
import LogAnalysis
import MailLogs
import RelayAuditCore

/// Eradicate: the accounts that made the changes of the incident (created accounts, added
/// members, enabled or weakened accounts after it began, per the audit trail). Either an
/// administrator's normal work, which they confirm, or an account the intruder holds.
struct ReviewTrailActorsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.findAccount

    static let actions: Set<LogEvent.Action> = [.accountCreated, .accountEnabled, .accountChanged, .memberAdded, .passwordReset]

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard let start = context.input.checker.timeline.start else { return nil }
        var counts: [String: Int] = [:]
        var order: [String] = []
        // Samba names the actor by SID: the directory's account of that SID is whom to review.
        let names = DirectoryTrail.sidNames(context.snapshot)
        for event in context.input.analysis.directoryChanges where Self.actions.contains(event.action) && event.time > start {
            // A computer account (`NAME$`) acting is the system itself (SYSTEM on a member
            // server), and S-1-5-18 the DC itself: no account to review.
            guard let user = event.user, !user.hasSuffix("$"), user != "S-1-5-18" else { continue }
            let actor = names[user.uppercased()] ?? user
            if counts[actor] == nil { order.append(actor) }
            counts[actor, default: 0] += 1
        }
        guard !order.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Review the accounts that changed the directory during the incident",
            why: "Per the audit trail, " + order.prefix(5).map { "\($0) made \(counts[$0]!) change(s)" }.joined(separator: ", ")
                + (order.count > 5 ? "…" : "") + " after the incident began. Confirm each with its owner; disable and reset any that was not theirs.",
            logins: order.map(DirectoryTrail.bare), targets: context.directoryTargets)
    }
}
