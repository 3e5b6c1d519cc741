import Directory
import Foundation
import LogAnalysis
import MailLogs
import Policy
public import RelayAuditCore

/// `account-reenabled-during-incident`: the audit trail shows an account enabled (4722, or a
/// DC's audit log) after the incident began. A disabled account nobody watches is the quiet
/// way back in: the intruder turns it on, sets its password, and it looks like an old account.
/// Needs the trail; the directory's attributes cannot show it.
public struct AccountReenabledCorrelation: Correlation {
    public let id = RuleID.accountReenabledDuringIncident
    public let summary = "An account was enabled after the incident began (from the directory's audit trail)."
    public init() {}

    /// Seconds after its creation within which enabling an account is part of creating it.
    static let creationWindow: Int64 = 300

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        guard let start = context.timeline.start else { return [] }
        let trail = DirectoryTrail(context.analysis.directoryChanges)
        let names = DirectoryTrail.sidNames(context.snapshot)
        let index = TrailAccountIndex(context.snapshot)
        return context.analysis.directoryChanges.filter { $0.time > start && ($0.action == .accountEnabled || $0.action == .accountChanged) }
            .compactMap { event in
            let account = index.account(for: event.change)
            var inferred = ""
            if event.action != .accountEnabled {
                guard let reason = Self.probablyEnabled(event, account, context) else { return nil }
                inferred = " " + reason
            }
            // Creating an account writes it disabled, sets its password, then enables it: an
            // enable minutes after the trail's own creation is that, not a re-enable.
            let created = trail.changes.last { other in
                other.action == .accountCreated && other.time <= event.time
                    && (other.change?.targetID.map { $0 == event.change?.targetID } ?? false || other.change?.target == event.change?.target)
            }
            if let created, event.time.seconds - created.time.seconds < Self.creationWindow { return nil }
            let name = account?.name ?? event.change?.target ?? event.change?.targetID ?? "an account"
            let used = account.flatMap { account in context.joined.first { $0.directory?.dn == account.dn && $0.log.activity.authSuccess > 0 } }
            let state = account.map { $0.isEnabled ? " It is enabled now." : " It is disabled again now." } ?? ""
            return CorrelationHit(
                account: name, dn: account?.dn, logUser: used?.log.user,
                message: "enabled \(event.time.iso8601) \(DirectoryTrail.actor(event, names: names)), after the incident began on \(context.iso(start)).\(inferred)\(state)",
                evidence: DirectoryTrail.evidence(event) + [("incident_start", .string(context.iso(start)))],
                implies: used != nil ? .compromised : .suspicious)
        }
    }

    /// Samba's audit log records an LDAP replace of userAccountControl with the new value
    /// only (`? -> 0x200`), as an intruder's own LDAP tool writes it. Whether that enabled the
    /// account is then read from the account itself: written enabled, and dormant before (no
    /// directory logon within the policy's `stale_after_days` before the write, or never): a
    /// dormant account written enabled was, almost always, disabled. The reason, said in the
    /// finding; nil when the write does not look like an enable.
    static func probablyEnabled(_ event: LogEvent, _ account: Account?, _ context: CorrelationContext) -> String? {
        guard event.action == .accountChanged, let account,
              let change = event.change?.changes.first(where: { $0.hasPrefix("userAccountControl: ? -> ") }),
              let new = AccountWeakenedCorrelation.hex(String(change.dropFirst("userAccountControl: ? -> ".count))),
              new & 0x2 == 0 else { return nil }
        let limit = Int64(context.policy.directory.staleAfterDays) * 86_400
        if let last = account.lastLogon {
            guard event.time.seconds - last.seconds > limit else { return nil }
            return "The DC's log keeps only the new userAccountControl (\(String(format: "0x%x", new)), enabled); the account had not "
                + "logged on since \(last.iso8601), so it was most likely disabled before."
        }
        guard account.lastLogonRecorded else { return nil }
        return "The DC's log keeps only the new userAccountControl (\(String(format: "0x%x", new)), enabled); the account had never "
            + "logged on, so it was most likely disabled before."
    }
}

/// `account-weakened-during-incident`: the audit trail shows an account's userAccountControl
/// given a weakening flag after the incident began: the password never expires, none is
/// required, it is stored reversibly, or Kerberos pre-authentication is off. An intruder keeping
/// a foothold does exactly this; the plan clears the flag.
public struct AccountWeakenedCorrelation: Correlation {
    public let id = RuleID.accountWeakenedDuringIncident
    public let summary = "An account's flags were weakened after the incident began (from the directory's audit trail)."
    public init() {}

    /// The userAccountControl bits that weaken an account, with their names.
    static let weakening: [(bit: UInt32, name: String)] = [
        (0x0020, "PASSWD_NOTREQD"), (0x0080, "ENCRYPTED_TEXT_PWD_ALLOWED"), (0x1_0000, "DONT_EXPIRE_PASSWORD"), (0x40_0000, "DONT_REQ_PREAUTH"),
    ]

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        guard let start = context.timeline.start else { return [] }
        let names = DirectoryTrail.sidNames(context.snapshot)
        let index = TrailAccountIndex(context.snapshot)
        return context.analysis.directoryChanges.filter { $0.action == .accountChanged && $0.time > start }.compactMap { event in
            let set = Self.flagsSet(event)
            guard !set.isEmpty else { return nil }
            let account = index.account(for: event.change)
            let name = account?.name ?? event.change?.target ?? event.change?.targetID ?? "an account"
            return CorrelationHit(
                account: name, dn: account?.dn, logUser: nil,
                message: "\(set.joined(separator: ", ")) set \(event.time.iso8601) \(DirectoryTrail.actor(event, names: names)), after the incident began on \(context.iso(start))",
                evidence: DirectoryTrail.evidence(event) + [("flags_set", .strings(set)), ("incident_start", .string(context.iso(start)))],
                implies: .suspicious)
        }
    }

    /// The weakening flags a change turned on (`userAccountControl: 0x10 -> 0x10210`).
    static func flagsSet(_ event: LogEvent) -> [String] {
        for change in event.change?.changes ?? [] where change.hasPrefix("userAccountControl: ") {
            let values = change.dropFirst("userAccountControl: ".count).components(separatedBy: " -> ")
            // Samba's audit log records a replaced value without the old one (`?`): every
            // weakening flag in the new value counts, as the change may have set it.
            guard values.count == 2, let new = hex(values[1]) else { continue }
            let old = hex(values[0]) ?? 0
            return weakening.filter { new & $0.bit != 0 && old & $0.bit == 0 }.map(\.name)
        }
        return []
    }

    static func hex(_ text: String) -> UInt32? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.hasPrefix("0x") ? UInt32(trimmed.dropFirst(2), radix: 16) : UInt32(trimmed)
    }
}

extension RuleID {
    public static let accountReenabledDuringIncident = RuleID("account-reenabled-during-incident")
    public static let accountWeakenedDuringIncident = RuleID("account-weakened-during-incident")
}
