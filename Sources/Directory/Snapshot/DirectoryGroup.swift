import Foundation
public import RelayAuditCore
/// A group as the privilege resolver needs it: who is in it and whether it is privileged.
public struct DirectoryGroup: Sendable {
    public var dn: String
    public var name: String
    /// The group's SID (AD), to recognise protected groups whatever their names.
    public var sid: SecurityIdentifier?
    /// Member DNs (`member`, `uniqueMember`).
    public var members: [String]
    /// Member login names (`memberUid` of a posixGroup).
    public var memberNames: [String]
    /// Last modification (`whenChanged`, `modifyTimestamp`): a member added to a privileged
    /// group during an incident changes the group, not the member.
    public var changed: Instant?

    public init(dn: String, name: String, sid: SecurityIdentifier? = nil, members: [String] = [], memberNames: [String] = [],
                changed: Instant? = nil) {
        self.changed = changed
        self.dn = dn
        self.name = name
        self.sid = sid
        self.members = members
        self.memberNames = memberNames
    }

    /// Reads a group entry: AD `group`, `groupOfNames`, `groupOfUniqueNames`, `posixGroup`.
    public static func from(_ entry: DirectoryEntry) -> DirectoryGroup? {
        let isGroup = ["group", "groupOfNames", "groupOfUniqueNames", "posixGroup", "groupOfMembers"]
            .contains { entry.hasObjectClass($0) }
        guard isGroup else { return nil }
        // uniqueMember values may carry an optional `#'0101'B` uid suffix (RFC 4517 NameAndOptionalUID).
        let unique = entry.strings("uniqueMember").map { value -> String in
            guard let hash = value.lastIndex(of: "#"), value[value.index(after: hash)...].hasPrefix("'") else { return value }
            return String(value[..<hash])
        }
        return DirectoryGroup(
            dn: entry.dn,
            name: entry.string("cn") ?? entry.string("sAMAccountName") ?? DistinguishedName.firstValue(entry.dn),
            sid: entry.values("objectSid").first.flatMap { SecurityIdentifier(bytes: $0) },
            members: entry.strings("member") + unique,
            memberNames: entry.strings("memberUid"),
            changed: (entry.string("whenChanged") ?? entry.string("modifyTimestamp")).flatMap(GeneralizedTime.parse)
        )
    }
}
