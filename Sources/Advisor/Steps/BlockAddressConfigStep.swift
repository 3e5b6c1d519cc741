import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: the MTA configuration that makes the block lists of `BlockAttackersStep` and
/// `BlockCampaignNetworksStep` count.
struct BlockAddressConfigStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockAddressConfig

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.attackers.isEmpty || !context.smallCampaignAddresses.isEmpty || !context.campaignNetworks.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Make the MTA refuse the blocked addresses",
            why: "The block lists of the previous steps take effect once the MTA consults them.", targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let blockAddressConfig = PlanAction("block-address-config")
}
