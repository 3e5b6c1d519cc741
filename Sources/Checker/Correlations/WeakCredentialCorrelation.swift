import Foundation
import LogAnalysis
import Directory
public import RelayAuditCore

/// `weak-credential`: why a compromised account fell: its directory findings (never-expiring
/// or old password, PASSWD_NOTREQD, a weak or cleartext hash, reversible storage) and whether
/// its name was on the spray's list.
public struct WeakCredentialCorrelation: Correlation {
    public let id = RuleID.weakCredential
    public let summary = "Why a compromised account's password fell: its directory weaknesses and the spray's list."
    public init() {}

    static let explaining: Set<RuleID> = [
        .passwordNeverExpires, .passwordTooOld, .privilegedPasswordOld, .passwordNotRequired, .weakPasswordHash,
        .cleartextPassword, .reversiblePassword, .guestEnabled, .staleAccount, .neverLoggedOn,
    ]

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard joined.log.verdict == .compromised, let account = joined.directory else { return nil }
            let weaknesses = context.findings(for: account.dn).filter { Self.explaining.contains($0.rule) }
            let names = Set([account.name.lowercased(), account.userPrincipalName?.lowercased()].compactMap { $0 } + account.mail.map { $0.lowercased() })
                .union(joined.log.activity.identities.map { $0.lowercased() })
            let sprayed = names.contains { context.sprayedNames.contains(LoginHash.of($0)) }
            guard !weaknesses.isEmpty || sprayed else { return nil }
            var reasons = weaknesses.map(\.rule.rawValue)
            if sprayed { reasons.append("its name was on the spray's list") }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "fell to a weak credential: \(reasons.joined(separator: ", "))",
                evidence: [("directory_findings", .strings(weaknesses.map(\.rule.rawValue))), ("name_sprayed", .bool(sprayed))])
        }
    }
}

extension RuleID {
    public static let weakCredential = RuleID("weak-credential")
}
