public import RelayAuditCore
public import Policy

/// `many-client-ips`: one account authenticated from more addresses (or networks) in a day than
/// one person plausibly uses. Peers: 10 per day (Todd Lyons' detect_hacked_smtp_auth_conns),
/// 10 per hour (saslpolicyd). Networks (/24, /48) keep a phone hopping between carrier
/// addresses from looking like a botnet.
public struct ManyClientIPsSignal: AccountDetector {
    public let id = SignalID.manyClientIps
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        if f.maxIPsPerDay >= t.clientIPsPerDay {
            return LogSignal(id: id, detail: "authenticated from \(f.maxIPsPerDay) addresses (\(f.maxNetworksPerDay) networks) in one day",
                             value: Double(f.maxIPsPerDay), threshold: Double(t.clientIPsPerDay))
        }
        if f.maxNetworksPerDay >= t.clientNetworksPerDay, f.maxIPsPerDay >= t.clientNetworksPerDay {
            return LogSignal(id: id, detail: "authenticated from \(f.maxNetworksPerDay) different networks in one day",
                             value: Double(f.maxNetworksPerDay), threshold: Double(t.clientNetworksPerDay))
        }
        return nil
    }
}

extension SignalID {
    public static let manyClientIps = SignalID("many-client-ips")
}
