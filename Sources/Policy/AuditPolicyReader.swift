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
            acceptablePasswordSchemes: strings(d + ["acceptable_password_schemes"]).map { $0.uppercased() },
            knownAdministrators: strings(d + ["known_administrators"])
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
        func double(_ path: [String]) -> Double {
            guard case let .scalar(value, _)? = node(path) else { return 0 }
            return Double(value) ?? 0
        }
        let l = ["logs"]
        let logs = LogThresholds(
            clientIPsPerDay: int(l + ["client_ips_per_day"]),
            clientNetworksPerDay: int(l + ["client_networks_per_day"]),
            messagesPerHour: int(l + ["messages_per_hour"]),
            baselineFactor: int(l + ["baseline_factor"]),
            burstMinimumMessagesPerHour: int(l + ["burst_minimum_messages_per_hour"]),
            recipientsPerHour: int(l + ["recipients_per_hour"]),
            externalDomainsPerDay: int(l + ["external_domains_per_day"]),
            forgedSenderMessages: int(l + ["forged_sender_messages"]),
            mismatchedSenderMessages: int(l + ["mismatched_sender_messages"]),
            ndrCount: int(l + ["ndr_count"]),
            bouncePercent: int(l + ["bounce_percent"]),
            failuresBeforeSuccess: int(l + ["failures_before_success"]),
            sprayUsers: int(l + ["spray_users"]),
            guestLikeNames: strings(l + ["guest_like_names"]).map { $0.lowercased() },
            attackerFailures: int(l + ["attacker_failures"]),
            attackerUsersTried: int(l + ["attacker_users_tried"]),
            suspiciousFailures: int(l + ["suspicious_failures"]),
            infrastructureAddresses: strings(l + ["infrastructure_addresses"]),
            joinExpiryHours: int(l + ["join_expiry_hours"]),
            compromisedScore: double(l + ["compromised_score"]),
            suspiciousScore: double(l + ["suspicious_score"])
        )
        /// The numeric keys of a detector's entry besides the ones every entry has.
        func parameters(_ entry: PolicyNode, except known: Set<String>) -> [String: Double] {
            guard case let .map(pairs, _) = entry else { return [:] }
            var result: [String: Double] = [:]
            for pair in pairs where !known.contains(pair.key) {
                if case let .scalar(value, _) = pair.value, let number = Double(value) { result[pair.key] = number }
            }
            return result
        }
        var signals: [String: SignalSetting] = [:]
        if case let .map(pairs, _)? = node(["signals"]) {
            for pair in pairs {
                signals[pair.key] = SignalSetting(enabled: bool(["signals", pair.key, "enabled"]),
                                                  weight: double(["signals", pair.key, "weight"]),
                                                  parameters: parameters(pair.value, except: ["enabled", "weight"]))
            }
        }
        var addressSignals: [String: AddressSignalSetting] = [:]
        if case let .map(pairs, _)? = node(["address_signals"]) {
            for pair in pairs {
                guard case let .scalar(verdict, _)? = node(["address_signals", pair.key, "verdict"]) else { continue }
                addressSignals[pair.key] = AddressSignalSetting(enabled: bool(["address_signals", pair.key, "enabled"]), verdict: verdict,
                                                                parameters: parameters(pair.value, except: ["enabled", "verdict"]))
            }
        }
        var campaigns: [String: CampaignSetting] = [:]
        if case let .map(pairs, _)? = node(["campaigns"]) {
            for pair in pairs {
                campaigns[pair.key] = CampaignSetting(enabled: bool(["campaigns", pair.key, "enabled"]),
                                                      parameters: parameters(pair.value, except: ["enabled"]))
            }
        }
        let domains = strings(["organization", "domains"]).map { $0.lowercased() }
        if case let .list(items, _)? = tree["logs"]?["infrastructure_addresses"] {
            for item in items {
                guard case let .scalar(value, location) = item, AddressRange(value) == nil else { continue }
                problems.append(Diagnostic(.error, file: file, line: location.line, column: location.column,
                                           message: "logs.infrastructure_addresses: '\(value)' is not an IP address or CIDR range"))
            }
        }
        if !problems.isEmpty { throw .configuration(problems) }
        var policy = AuditPolicy(source: source, organizationDomains: domains, directory: thresholds, logs: logs,
                                 rules: rules, signals: signals, addressSignals: addressSignals, tree: tree)
        policy.campaigns = campaigns
        return policy
    }
}
