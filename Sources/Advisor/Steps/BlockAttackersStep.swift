import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: block the addresses judged attackers, at the firewall and in the MTA.
struct BlockAttackersStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockAddress

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        // A small password-spray campaign (a few dozen addresses) is blocked address by
        // address here; a large one by network in the next step.
        let ips = (context.attackers + context.smallCampaignAddresses).uniqued()
        guard !ips.isEmpty else { return nil }
        var why = "\(context.attackers.count) address(es) sprayed passwords or sent forged mail through compromised accounts."
        if !context.smallCampaignAddresses.isEmpty {
            why += " \(context.smallCampaignAddresses.count) more took part in a small password-spray campaign."
        }
        if context.domainControllersAttacked {
            why += " Some tried the domain controllers themselves (Kerberos, NTLM, LDAP): these rules shield the mail server only; "
                + "block them where the DCs are reachable too (TCP/UDP 88, 389, 445, 464, 636, 3268, 3269; on Active Directory and Samba "
                + "the next step does it on the DCs)."
        }
        return PlanStepDraft(title: "Block the attacking addresses", why: why,
                             ips: Array(ips.prefix(PlanContext.maximumValuesPerStep)), targets: [.firewall] + context.mailTargets)
    }
}

extension PlanAction {
    public static let blockAddress = PlanAction("block-address")
}
