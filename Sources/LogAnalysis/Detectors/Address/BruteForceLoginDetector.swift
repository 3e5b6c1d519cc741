import Policy
public import RelayAuditCore

/// `brute-force-success` (address): the address failed `failures_before_success` times or
/// more, then authenticated: the guess that worked. The account side of the same fact is the
/// account detector `BruteForceSuccessSignal`.
public struct BruteForceLoginDetector: AddressDetector {
    public let id = SignalID.bruteForceSuccess
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        let threshold = address.thresholds.failuresBeforeSuccess
        return address.logins.compactMap { login in
            guard login.success.failuresBefore >= threshold else { return nil }
            return AddressSignal(LogSignal(id: id, detail: "failed \(login.success.failuresBefore) times, then authenticated as \(login.account.user)",
                                           value: Double(login.success.failuresBefore), threshold: Double(threshold)),
                                 identity: login.identity)
        }
    }
}
