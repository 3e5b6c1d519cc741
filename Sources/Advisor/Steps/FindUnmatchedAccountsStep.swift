import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: logins the attacker used that match no account read from the directory. The
/// directory still holds them under another attribute (a mail alias, a UPN), or the MTA
/// authenticates elsewhere; finding them is part of containment. Each login is put into an
/// RFC 4515-escaped search filter by the templates.
struct FindUnmatchedAccountsStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.findAccount

    /// The longest name a directory attribute a login could match holds (AD's userPrincipalName
    /// range upper, above uid and a 254-octet mail address). A longer login is a spammer's
    /// filler; its search filter would also exceed the kernel's 128 KiB limit for one argument.
    static let longestDirectoryName = 1024

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let unmatched = context.unmatchedLogs.flatMap { $0.activity.identities.sorted() }.uniqued()
        let searchable = unmatched.filter { $0.utf8.count <= Self.longestDirectoryName }
        guard !searchable.isEmpty else { return nil }
        let tooLong = unmatched.count - searchable.count
        return PlanStepDraft(
            title: "Find the accounts behind logins the directory did not match",
            why: "\(searchable.count) compromised login(s) match no account read from the directory (\(searchable.prefix(3).joined(separator: ", "))\(searchable.count > 3 ? "…" : "")): search for them by every name and address attribute, then disable what is found; if nothing is, the MTA authenticates against another source (a passwd-file, SQL), which must be locked the same way."
                + (tooLong == 0 ? "" : " \(tooLong) longer login(s) cannot be a directory name and are not searched."),
            logins: Array(searchable.prefix(PlanContext.maximumValuesPerStep)), targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let findAccount = PlanAction("find-account")
}
