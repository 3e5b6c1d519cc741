import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: hold what the compromised logins queued, by the SMTP AUTH name the queue files
/// record (Postfix `named_attribute: sasl_username`, Exim `-auth_id`): it catches the spam the
/// sender list misses.
struct HoldAccountMailStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.holdAccountMail

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        // The names the attacker typed at SMTP AUTH, as logged.
        let logins = context.compromisedLogs.flatMap { $0.activity.identities.sorted() }.uniqued()
        guard !logins.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Hold everything the compromised accounts queued",
            why: "Mail submitted as \(logins.count) compromised login(s) may still wait in the queue; the queue files record the SMTP AUTH name (Postfix: named_attribute sasl_username; Exim: -auth_id), so holding by login catches what the sender list misses.",
            logins: Array(logins.prefix(PlanContext.maximumValuesPerStep)), targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let holdAccountMail = PlanAction("hold-account-mail")
}
