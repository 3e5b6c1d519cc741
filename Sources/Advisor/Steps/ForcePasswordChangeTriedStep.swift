import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: a password-spray campaign tried these directory accounts; any of them may have
/// fallen without a login the logs show yet (a credential sold, not used). Force a password
/// change on every one, those it got into first.
struct ForcePasswordChangeTriedStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.forcePasswordChangeTried

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.campaignAccountsTried.filter { !$0.isGuest }
        guard !accounts.isEmpty else { return nil }
        let entered = Set(context.analysis.campaigns.flatMap { $0.entered.filter { $0.memberAddress || $0.memberNetwork }.map { $0.account.lowercased() } })
        let first = accounts.filter { entered.contains($0.name.lowercased()) }.map(\.name)
        return PlanStepDraft(
            title: "Force a password change on every account the campaign tried",
            why: "The password-spray campaign(s) tried \(accounts.count) account(s) of this directory"
                + (first.isEmpty ? "" : "; it got into \(first.joined(separator: ", ")), listed first")
                + ". A password it found may not have been used yet.",
            accounts: Array(accounts.prefix(PlanContext.maximumValuesPerStep)), targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let forcePasswordChangeTried = PlanAction("force-password-change-tried")
}
