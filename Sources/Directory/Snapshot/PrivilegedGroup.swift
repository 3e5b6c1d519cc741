/// A group whose members are privileged: a protected group itself, or nested in one.
///
/// Kept in the snapshot because membership changes show on the group (`whenChanged`,
/// `modifyTimestamp`), not on the member: the checker compares them with the incident.
public struct PrivilegedGroup: Sendable {
    public var group: DirectoryGroup
    /// The group's name outward to the protected group (`IT Admins → Domain Admins`).
    public var via: [String]

    public init(group: DirectoryGroup, via: [String]) {
        self.group = group
        self.via = via
    }
}
