public import Directory
public import MailLogs
public import RelayAuditCore

/// The directory's own audit trail, when the logs included it (Windows Security events of the
/// domain controllers): who created an account, who added whom to a group, when and from
/// which host. The correlations read it first and fall back to the directory's attributes.
public struct DirectoryTrail: Sendable {
    public let changes: [LogEvent]

    public init(_ changes: [LogEvent]) { self.changes = changes }

    public var isEmpty: Bool { changes.isEmpty }

    /// The record of `account`'s creation: by SID when the trail and the directory both have
    /// it, else by the bare login name (`CORP\it.support`, `it.support@corp.example`).
    public func creation(of account: Account) -> LogEvent? {
        changes.first { $0.action == .accountCreated && Self.names(account, $0.change) }
    }

    /// Members added to a group (by its name), in order.
    public func additions(to group: String) -> [LogEvent] {
        let key = group.lowercased()
        return changes.filter { $0.action == .memberAdded && $0.change?.group.map(Self.bare)?.lowercased() == key }
    }

    /// The events that acted on `account`.
    public func changes(of account: Account) -> [LogEvent] {
        changes.filter { Self.names(account, $0.change) }
    }

    static func names(_ account: Account, _ change: DirectoryChange?) -> Bool {
        guard let change else { return false }
        if let id = change.targetID {
            // A Windows trail names the account by SID, Samba's by DN.
            if let sid = account.sid, id.uppercased().hasPrefix("S-1-") { return sid.uppercased() == id.uppercased() }
            if id.contains("=") { return DistinguishedName.key(id) == DistinguishedName.key(account.dn) }
        }
        guard let target = change.target else { return false }
        return bare(target).lowercased() == account.name.lowercased()
    }

    /// `name` without a `DOMAIN\` before it or an `@domain` after it.
    public static func bare(_ name: String) -> String {
        var text = Substring(name)
        if let slash = text.lastIndex(of: "\\") { text = text[text.index(after: slash)...] }
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        return String(text)
    }

    /// The changes an actor makes on purpose: accounts created, enabled or changed, members
    /// added, passwords reset.
    public static let actorActions: Set<LogEvent.Action> = [.accountCreated, .accountEnabled, .accountChanged, .memberAdded, .passwordReset]

    /// The accounts that made changes after `start`, in order of their first, each with its
    /// changes; the system itself is left out (S-1-5-18: the DC, or someone on it through
    /// ldapi or sam.ldb; `NAME$`: a computer account, SYSTEM on a member server).
    public func actors(after start: Instant) -> [(actor: String, changes: [LogEvent])] {
        var made: [String: [LogEvent]] = [:]
        var order: [String] = []
        for event in changes where Self.actorActions.contains(event.action) && event.time > start {
            guard let actor = event.user, actor != "S-1-5-18", !actor.hasSuffix("$") else { continue }
            if made[actor] == nil { order.append(actor) }
            made[actor, default: []].append(event)
        }
        return order.map { ($0, made[$0]!) }
    }

    /// The directory's accounts by SID (upper-cased), to name an actor the trail gives by SID.
    public static func sidNames(_ snapshot: DirectorySnapshot) -> [String: String] {
        Dictionary(snapshot.accounts.compactMap { account in account.sid.map { ($0.uppercased(), account.name) } }, uniquingKeysWith: { a, _ in a })
    }

    /// A change's facts as finding evidence: when, by whom, where, which record.
    public static func evidence(_ event: LogEvent) -> [(String, JSONValue)] {
        [("changed", .string(event.time.iso8601)), ("changed_by", .optional(event.user)), ("host", .optional(event.windows?.host)),
         ("source_ip", .optional(event.sourceIP)), ("target", .optional(event.change?.target)), ("target_id", .optional(event.change?.targetID)),
         ("trail_event", .optional(event.windows.map { String($0.eventCode) }))]
    }

    /// "by CORP\admin on DC1 from 192.0.2.7": who made a change, where, as far as the record says.
    public static func actor(_ event: LogEvent, names: [String: String] = [:]) -> String {
        // S-1-5-18 is LocalSystem: the DC itself, or someone on it through its ldapi socket or sam.ldb.
        // Samba names the actor by SID only: the directory's account of that SID, when read.
        let user = event.user.map { user in names[user.uppercased()].map { "\($0) (\(user))" } ?? user }
        var text = "by " + (event.user == "S-1-5-18" ? "the DC itself (S-1-5-18: local access)" : user ?? "an unnamed account")
        if let host = event.windows?.host { text += " on " + host }
        if let ip = event.sourceIP { text += " from " + ip }
        return text
    }
}
