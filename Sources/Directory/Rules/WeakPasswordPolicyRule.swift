import Policy
public import RelayAuditCore
/// `weak-password-policy`: the directory's own password policy permits what the spammer
/// exploited: short passwords, no expiry, no lockout (an endless spray), no complexity, or
/// reversible storage, or (389-ds) a weak scheme for storing new passwords. Checked for the AD
/// domain policy, every fine-grained PSO, every OpenLDAP ppolicy entry and 389-ds's global and
/// local policies; a directory with no policy at all is reported too.
public struct WeakPasswordPolicyRule: DirectoryRule {
    public let id = RuleID.weakPasswordPolicy
    public let summary = "A password policy allows short, non-expiring or unlimited-guess passwords."
    public init() {}

    public func checkDirectory(in context: RuleContext) -> [RuleHit] {
        let snapshot = context.snapshot
        if snapshot.policies.isEmpty {
            // AD without its domain object is "unknown", noted elsewhere; other directories
            // without any ppolicy entry genuinely have no policy.
            guard snapshot.kind != .activeDirectory, !snapshot.accounts.isEmpty else { return [] }
            return [RuleHit(
                "no password policy entry was found: passwords never expire, have no minimum length and unlimited guesses are allowed",
                evidence: [("policies_found", .int(0))]
            )]
        }
        return snapshot.policies.compactMap { check($0, context.thresholds, kind: snapshot.kind) }
    }

    func check(_ policy: PasswordPolicyFacts, _ t: DirectoryThresholds, kind: DirectoryKind) -> RuleHit? {
        var problems: [String] = []
        if let length = policy.minLength, length < t.minimumPasswordLength {
            problems.append("minimum length \(length) (below \(t.minimumPasswordLength))")
        } else if policy.minLength == nil, policy.origin != .fineGrained {
            problems.append("no minimum length")
        }
        if let age = policy.maxAgeDays {
            if age == 0 {
                problems.append("passwords never expire")
            } else if age > t.maximumPolicyPasswordAgeDays {
                problems.append("maximum age \(age) days (above \(t.maximumPolicyPasswordAgeDays))")
            }
        }
        if t.requireLockout, let threshold = policy.lockoutThreshold, threshold == 0 {
            problems.append("no account lockout: a password spray can guess forever")
        }
        if t.requireComplexity, kind == .activeDirectory, policy.complexity == false {
            problems.append("complexity is off")
        }
        if policy.reversibleEncryption == true {
            problems.append("passwords are stored with reversible encryption")
        }
        if policy.hashesCleartextOnModify == false {
            problems.append("a plain LDAP modify stores userPassword in clear (olcPPolicyHashCleartext is off)")
        }
        if let scheme = policy.storageScheme {
            let storage = PasswordSchemeClassifier.classify(Array("{\(scheme)}".utf8), attribute: "passwordStorageScheme")
            if storage.strength == .cleartext {
                problems.append("new passwords are stored in clear (passwordStorageScheme \(scheme))")
            } else if !t.acceptablePasswordSchemes.contains(storage.scheme) {
                problems.append("new passwords are stored as \(storage.scheme), fast to crack offline")
            }
        }
        guard !problems.isEmpty else { return nil }
        let which = policy.isDefault ? "the default password policy" : "the password policy"
        return RuleHit(
            "\(which) '\(policy.dn)' is weak: \(problems.joined(separator: "; "))",
            evidence: [
                ("policy", .string(policy.dn)),
                ("origin", .string(policy.origin.rawValue)),
                ("min_password_length", .optional(policy.minLength)),
                ("max_password_age_days", .optional(policy.maxAgeDays)),
                ("lockout_threshold", .optional(policy.lockoutThreshold)),
                ("complexity", .optional(policy.complexity)),
                ("reversible_encryption", .optional(policy.reversibleEncryption)),
                ("storage_scheme", .optional(policy.storageScheme)),
                ("hashes_cleartext_on_modify", .optional(policy.hashesCleartextOnModify)),
                ("problems", .strings(problems)),
            ]
        )
    }
}

extension RuleID {
    public static let weakPasswordPolicy = RuleID("weak-password-policy")
}
