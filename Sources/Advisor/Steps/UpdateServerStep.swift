import Checker
import Directory
import LogAnalysis
import MailLogs
import RelayAuditCore

/// Harden: the logs named the mail server's version when it started, and the server was
/// used against its owner. An old release may carry the hole the attacker came through (an
/// SMTP smuggling or AUTH bug), and an unpatched one is the next incident's door: name the
/// version that runs and the command that shows whether the distribution has a newer one.
/// Only when a start line was read: without it the tool does not know what runs.
struct UpdateServerStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.updateServer

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let software = context.input.serverSoftware
        guard !software.isEmpty, !context.compromised.isEmpty || !context.attackers.isEmpty else { return nil }
        let seen = software.map { item in
            "\(item.displayName) \(item.version) (started \(item.time.iso8601)\(item.file.map { " in " + $0 } ?? ""))"
        }
        // The MTAs whose version was seen; Dovecot (no target of its own) rides with the MTA's.
        let zimbra = context.mailTargets.contains(.zimbra)
        let named = Set(software.compactMap { CommandTarget(rawValue: $0.product) }.map { zimbra && $0 == .postfix ? CommandTarget.zimbra : $0 })
        let targets = named.isEmpty ? context.mailTargets : context.mailTargets.filter(named.contains) + named.subtracting(context.mailTargets).sorted()
        return PlanStepDraft(
            title: "Bring the mail server up to date",
            why: "The logs show " + seen.joined(separator: ", ")
                + ". Install the distribution's security updates (or the vendor's latest cumulative update) before returning to service.",
            targets: targets)
    }
}

extension PlanAction {
    public static let updateServer = PlanAction("update-server")
}
