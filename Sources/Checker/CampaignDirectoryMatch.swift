public import Directory
public import LogAnalysis
import RelayAuditCore

/// The directory accounts a password-spray campaign tried: those whose login name (bare, as
/// `alice` for `CORP\alice` and `alice@corp.example`), user principal name or mail address it
/// tried. The rest of its list names no one here.
public enum CampaignDirectoryMatch {
    public static func accountsTried(_ campaign: Campaign, in snapshot: DirectorySnapshot) -> [Account] {
        snapshot.accounts.filter { account in
            if campaign.bareNamesTried.contains(LoginHash.of(PasswordSprayCampaignDetector.bareName(account.name))) { return true }
            let full = ([account.userPrincipalName].compactMap { $0 } + account.mail).map { $0.lowercased() }
            return full.contains { campaign.tried[LoginHash.of($0)] != nil }
        }
    }

    /// The accounts tried by any campaign: those it got into first, then by name.
    public static func accountsTried(_ campaigns: [Campaign], in snapshot: DirectorySnapshot) -> [Account] {
        let entered = Set(campaigns.flatMap { $0.entered.filter { $0.memberAddress || $0.memberNetwork }.map { $0.account.lowercased() } })
        var seen = Set<String>()
        let accounts = campaigns.flatMap { accountsTried($0, in: snapshot) }.filter { seen.insert($0.dn).inserted }
        return accounts.sorted { a, b in
            let (ea, eb) = (entered.contains(a.name.lowercased()), entered.contains(b.name.lowercased()))
            return ea != eb ? ea : a.name.lowercased() < b.name.lowercased()
        }
    }
}
