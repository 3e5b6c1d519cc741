/// What a directory-change event changed: the account (or group) acted on and how.
///
/// The actor is the event's `user` and their address its `sourceIP`, as ECS writes them
/// (`user.name`, `source.ip`); the account acted on is `user.target.name`. Every value is
/// as the audit trail wrote it: an intruder chose the names of the accounts they created.
///
/// Held by reference: every event carries the optional, and only directory changes fill it,
/// so a mail event pays one pointer for it instead of four values.
public struct DirectoryChange: Sendable, Equatable {
    private final class Storage: Sendable {
        let target: String?
        let targetID: String?
        let group: String?
        let changes: [String]

        init(target: String?, targetID: String?, group: String?, changes: [String]) {
            self.target = target
            self.targetID = targetID
            self.group = group
            self.changes = changes
        }
    }

    private let storage: Storage

    /// The account acted on (`CORP\it.support`, `it.support`), when the record names it.
    public var target: String? { storage.target }
    /// Its security identifier or distinguished name, when the record has it.
    public var targetID: String? { storage.targetID }
    /// The group, for a membership change (`Domain Admins`).
    public var group: String? { storage.group }
    /// What changed, as `name: value` (`userAccountControl: Don't Expire Password - Enabled`,
    /// `new name: it.support2`).
    public var changes: [String] { storage.changes }

    public init(target: String? = nil, targetID: String? = nil, group: String? = nil, changes: [String] = []) {
        storage = Storage(target: target, targetID: targetID, group: group, changes: changes)
    }

    public static func == (lhs: DirectoryChange, rhs: DirectoryChange) -> Bool {
        (lhs.target, lhs.targetID, lhs.group) == (rhs.target, rhs.targetID, rhs.group) && lhs.changes == rhs.changes
    }
}
