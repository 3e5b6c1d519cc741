import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: bursts no person sends call for a per-user limit that caps the next stolen password.
struct RateLimitPerUserStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.rateLimitPerUser

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.compromisedSignals.isDisjoint(with: [.messageBurst, .recipientBurst, .externalDomains]) else { return nil }
        return PlanStepDraft(
            title: "Limit how much one account can send per hour",
            why: "The abuse showed bursts of messages and recipients no person sends; a per-user limit caps the damage of the next stolen password.",
            targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let rateLimitPerUser = PlanAction("rate-limit-per-user")
}
