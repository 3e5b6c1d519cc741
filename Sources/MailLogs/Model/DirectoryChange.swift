/// What a directory-change event changed: the account (or group) acted on and how.
///
/// The actor is the event's `user` and their address its `sourceIP`, as ECS writes them
/// (`user.name`, `source.ip`); the account acted on is `user.target.name`. Every value is
/// as the audit trail wrote it: an intruder chose the names of the accounts they created.
public struct DirectoryChange: Sendable, Equatable {
    /// The account acted on (`CORP\it.support`, `it.support`), when the record names it.
    public var target: String?
    /// Its security identifier or distinguished name, when the record has it.
    public var targetID: String?
    /// The group, for a membership change (`Domain Admins`).
    public var group: String?
    /// What changed, as `name: value` (`userAccountControl: Don't Expire Password - Enabled`,
    /// `new name: it.support2`).
    public var changes: [String]

    public init(target: String? = nil, targetID: String? = nil, group: String? = nil, changes: [String] = []) {
        self.target = target
        self.targetID = targetID
        self.group = group
        self.changes = changes
    }
}
