import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: addresses guessed passwords; throttle AUTH failures and ban the guessers.
struct AuthFailureThrottlingStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.authFailureThrottling

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let sources = context.analysis.sources
        guard sources.contains(where: { $0.verdict != .clean && $0.activity.authFailure > 0 }) else { return nil }
        return PlanStepDraft(
            title: "Throttle and ban password guessing",
            why: "Addresses guessed passwords (\(sources.filter { $0.activity.authFailure > 0 && $0.verdict == .attacker }.count) attacking).",
            targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let authFailureThrottling = PlanAction("auth-failure-throttling")
}
