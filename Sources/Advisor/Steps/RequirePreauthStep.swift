import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate (Active Directory): DONT_REQ_PREAUTH lets anyone request a ticket to crack offline.
struct RequirePreauthStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.requirePreauth

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard context.snapshot.kind == .activeDirectory else { return nil }
        let accounts = context.accounts(.asrepRoastable)
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Require Kerberos pre-authentication",
            why: "\(accounts.count) account(s) let anyone request a ticket to crack offline (DONT_REQ_PREAUTH).",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let requirePreauth = PlanAction("require-preauth")
}
