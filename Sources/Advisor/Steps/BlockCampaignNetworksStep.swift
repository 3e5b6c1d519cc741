import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: a password-spray campaign of more than `PlanContext.blockByNetworkAbove` addresses
/// is blocked by network, not by address: one ipset of `hash:net` and one firewall rule (a
/// rule per address would be thousands of rules, each address trying once anyway), and the
/// networks in the MTA's CIDR map. The networks are the campaign's /24s and /64s, most
/// addresses first; the JSON report lists every one.
struct BlockCampaignNetworksStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockCampaignNetworks

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let networks = context.campaignNetworks
        guard !networks.isEmpty else { return nil }
        let large = context.analysis.campaigns.filter { $0.addressCount > PlanContext.blockByNetworkAbove }
        var why = large.map { "campaign \($0.number): \($0.addressCount) addresses in \($0.networks.count) networks" }.joined(separator: "; ")
            + ". Each address tries once or twice, so blocking addresses one by one (or fail2ban) cannot stop it; block its networks."
        if networks.count > PlanContext.maximumValuesPerStep {
            why += " Listed: the \(PlanContext.maximumValuesPerStep) networks with the most addresses; all \(networks.count): "
                + "relay-audit logs … --output json | jq -r '.campaigns[].networks[].network'."
        }
        return PlanStepDraft(title: "Block the password-spray campaign's networks", why: why,
                             networks: Array(networks.prefix(PlanContext.maximumValuesPerStep)), targets: [.firewall] + context.mailTargets)
    }
}

extension PlanAction {
    public static let blockCampaignNetworks = PlanAction("block-campaign-networks")
}
