import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: addresses guessed passwords; throttle AUTH failures and ban the guessers. Against a
/// password-spray campaign per-address bans cannot work (each address tries once), so the
/// throttles that count per account and overall matter: Postfix anvil, Dovecot's failure delay
/// and auth policy, Exim's ratelimit on failed AUTH, account lockout.
struct AuthFailureThrottlingStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.authFailureThrottling

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let sources = context.analysis.sources
        let campaigns = context.analysis.campaigns
        guard sources.contains(where: { $0.verdict != .clean && $0.activity.authFailure > 0 }) || !campaigns.isEmpty else { return nil }
        let attacking = sources.filter { $0.activity.authFailure > 0 && $0.verdict == .attacker }.count
        var why = attacking > 0 || campaigns.isEmpty ? "Addresses guessed passwords (\(attacking) attacking)." : ""
        if !campaigns.isEmpty {
            let addresses = campaigns.reduce(0) { $0 + $1.addressCount }
            why += (why.isEmpty ? "" : " ") + "\(campaigns.count) password-spray campaign(s) from \(addresses) addresses, most trying once or twice:"
                + " fail2ban and other per-address bans do not stop one try per address; throttle failures per account and overall,"
                + " and lock accounts after repeated failures (the password-policy step)."
        }
        return PlanStepDraft(title: "Throttle and ban password guessing", why: why, targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let authFailureThrottling = PlanAction("auth-failure-throttling")
}
