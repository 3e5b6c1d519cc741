import Foundation
import LogAnalysis
public import RelayAuditCore

/// `authenticated-not-in-directory`: an identity that authenticated over SMTP matches no
/// directory account: a local passwd or SQL backend the audit cannot see, or a deleted account
/// whose credentials still work somewhere.
public struct NotInDirectoryCorrelation: Correlation {
    public let id = RuleID.authenticatedNotInDirectory
    public let summary = "An identity authenticated over SMTP but matches no directory account."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard joined.directory == nil, joined.log.activity.authSuccess > 0 else { return nil }
            let identities = joined.log.activity.identities.sorted()
            let why: String
            if case .ambiguous = joined.resolution {
                why = "matches several directory accounts (a shared address?), so it cannot be attributed"
            } else {
                why = "matches no directory account: a local or SQL password backend, or a deleted account"
            }
            return CorrelationHit(
                account: joined.log.user, dn: nil, logUser: joined.log.user,
                message: "authenticated \(joined.log.activity.authSuccess) time(s) but \(why)",
                evidence: [("identities", .strings(identities)), ("log_verdict", .string(joined.log.verdict.rawValue))],
                implies: joined.log.verdict == .compromised ? .compromised : .none)
        }
    }
}

extension RuleID {
    public static let authenticatedNotInDirectory = RuleID("authenticated-not-in-directory")
}
