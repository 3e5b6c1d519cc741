import RelayAuditCore

/// Reads the typed `AuditPolicy` out of a merged, validated policy tree.
///
/// Every key read here must exist in `Policies/default.yaml`; a missing one means the default
/// file and the code disagree, reported as an error against the default file.
struct AuditPolicyReader {
    let file: String

    func read(_ tree: PolicyNode, source: String) throws(RelayAuditError) -> AuditPolicy {
        var problems: [Diagnostic] = []
        func node(_ path: [String]) -> PolicyNode? {
            var current: PolicyNode? = tree
            for key in path { current = current?[key] }
            if current == nil {
                problems.append(Diagnostic(.error, file: PolicyLoader.defaultPolicyName,
                                           message: "missing key '\(path.joined(separator: "."))'"))
            }
            return current
        }
        func int(_ path: [String]) -> Int {
            guard case let .scalar(value, _)? = node(path) else { return 0 }
            return Int(value) ?? 0
        }
        func bool(_ path: [String]) -> Bool {
            guard case let .scalar(value, _)? = node(path) else { return false }
            return PolicyMerger.boolean(value) ?? false
        }
        func strings(_ path: [String]) -> [String] {
            guard case let .list(items, _)? = node(path) else { return [] }
            return items.compactMap { if case let .scalar(v, _) = $0 { v } else { nil } }
        }

        let d = ["directory"]
        let thresholds = DirectoryThresholds(
            passwordMaxAgeDays: int(d + ["password_max_age_days"]),
            privilegedPasswordMaxAgeDays: int(d + ["privileged_password_max_age_days"]),
            krbtgtPasswordMaxAgeDays: int(d + ["krbtgt_password_max_age_days"]),
            staleAfterDays: int(d + ["stale_after_days"]),
            lastLogonTimestampLagDays: int(d + ["last_logon_timestamp_lag_days"]),
            neverLoggedOnAfterDays: int(d + ["never_logged_on_after_days"]),
            recentlyCreatedDays: int(d + ["recently_created_days"]),
            minimumPasswordLength: int(d + ["minimum_password_length"]),
            maximumPolicyPasswordAgeDays: int(d + ["maximum_policy_password_age_days"]),
            requireLockout: bool(d + ["require_lockout"]),
            requireComplexity: bool(d + ["require_complexity"]),
            privilegedGroups: strings(d + ["privileged_groups"]),
            acceptablePasswordSchemes: strings(d + ["acceptable_password_schemes"]).map { $0.uppercased() }
        )

        var rules: [String: RuleSetting] = [:]
        if case let .map(pairs, _)? = node(["rules"]) {
            for pair in pairs {
                rules[pair.key] = RuleSetting(
                    enabled: bool(["rules", pair.key, "enabled"]),
                    severity: {
                        guard case let .scalar(v, _)? = node(["rules", pair.key, "severity"]) else { return .info }
                        return Severity(rawValue: v) ?? .info
                    }()
                )
            }
        }
        let domains = strings(["organization", "domains"]).map { $0.lowercased() }
        if !problems.isEmpty { throw .configuration(problems) }
        return AuditPolicy(source: source, organizationDomains: domains, directory: thresholds, rules: rules, tree: tree)
    }
}
