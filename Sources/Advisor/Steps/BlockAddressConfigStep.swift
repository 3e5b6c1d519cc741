import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: the MTA configuration that makes the block list of `BlockAttackersStep` count.
struct BlockAddressConfigStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockAddressConfig

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.attackers.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Make the MTA refuse the blocked addresses",
            why: "The block list of the previous step takes effect once the MTA consults it.", targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let blockAddressConfig = PlanAction("block-address-config")
}
