import Directory
import RelayAuditCore

/// Contain: the addresses that guessed passwords at the domain controllers themselves (their
/// trail's failed Kerberos, NTLM and LDAP logons), blocked on the DCs. The mail server's
/// firewall rules of the step before shield the mail ports only; a spray that found a password
/// at a DC goes on there. Active Directory and Samba AD only (the trail is theirs).
struct BlockAttackersAtDCsStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockAddressAtDC

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let targets = context.directoryTargets.filter { $0 == .activeDirectory || $0 == .samba }
        guard context.domainControllersAttacked, !targets.isEmpty else { return nil }
        var why = "The domain controllers' audit trail shows password guessing at the DCs themselves (Kerberos, NTLM, LDAP binds)"
        why += context.dcAttackers.isEmpty ? "." : " from \(context.dcAttackers.count) address(es); block them on every DC (run on each)."
        if context.dcCampaignNetworks > 0 {
            why += " A large campaign also came from \(context.dcCampaignNetworks) network(s): block them at the perimeter in front of the DCs (the next step's list)."
        }
        why += " Confirm first that none is one of your own hosts."
        return PlanStepDraft(title: "Block the addresses that attacked the domain controllers", why: why,
                             ips: Array(context.dcAttackers.prefix(PlanContext.maximumValuesPerStep)), targets: targets)
    }
}

extension PlanAction {
    public static let blockAddressAtDC = PlanAction("block-address-at-dc")
}
