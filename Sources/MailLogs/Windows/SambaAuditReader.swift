public import RelayAuditCore
import Foundation

/// A Samba AD DC's JSON audit logs, one object per line as Samba writes them with
/// `log level = auth_json_audit:3 dsdb_json_audit:5 dsdb_password_json_audit:5
/// dsdb_group_json_audit:5` (each class to its own file with `@FILE`): the same facts as a
/// Windows DC's Security log, on Linux.
///
/// - `Authentication`: `eventId` 4624/4625, `status` (`NT_STATUS_WRONG_PASSWORD` …),
///   `remoteAddress` (`ipv4:192.0.2.7:51234`), `clientAccount` as typed, `serviceDescription`
///   (LDAP, Kerberos KDC, SMB, SamLogon).
/// - `dsdbChange`: `operation` Add / Modify / Delete of `dn` by `userSid`; an added user is
///   an account created, a `userAccountControl` write an account changed (its new value).
/// - `passwordChange`: `eventId` 4723 (change) / 4724 (reset) of `dn` by `userSid`.
/// - `groupChange`: `action` Added / Removed, `user` (the member's DN) to `group` by `userSid`.
///
/// Samba names the actor by SID: the event's user is that SID, resolved to an account by the
/// checker when the directory has it. Bookkeeping writes (badPwdCount, lastLogon) are not changes.
public struct SambaAuditReader: FileFormatReader {
    public static let formats: [LogFormat] = [.sambaAudit]

    public private(set) var lastRecordTime: Instant?

    public init() {}

    public static func sniff(_ line: ByteLine) -> FormatSniff {
        let text = line.trimmed
        guard text.hasPrefix("{\"timestamp\": \"") || text.hasPrefix("{\"timestamp\":\"") else { return text.isEmpty ? .keepLooking : .notMine }
        let string = text.string
        let types = ["\"Authentication\"", "\"dsdbChange\"", "\"passwordChange\"", "\"groupChange\"", "\"dsdbTransaction\"", "\"Authorization\""]
        return types.contains(where: string.contains) ? .format(.sambaAudit) : .notMine
    }

    public static func firstTime(_ line: ByteLine, format: LogFormat) -> Instant? {
        guard let at = line.find("\"timestamp\""), let open = line.firstIndex(of: UInt8(ascii: "\""), from: at + 12) else { return nil }
        guard let close = line.firstIndex(of: UInt8(ascii: "\""), from: open + 1) else { return nil }
        return CivilTime.parseISO8601(line.slice(open + 1, close).string)
    }

    public mutating func startFile(_ format: LogFormat) {}
    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {}
    public mutating func finish(into sink: inout EventBuffer) {}

    public mutating func parse(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout EventBuffer) -> LineVerdict {
        let text = line.trimmed
        if text.isEmpty { return .understood }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.string.utf8)) as? [String: Any],
              let stamp = object["timestamp"] as? String, let time = CivilTime.parseISO8601(stamp),
              let type = object["type"] as? String
        else { return .unrecognized }
        lastRecordTime = time
        guard let body = object[type] as? [String: Any] else { return .unrecognized }
        if let event = Self.event(type: type, body, time: time, fileIndex: fileIndex, offset: offset) { sink.consume(event) }
        return .understood
    }

    static func event(type: String, _ body: [String: Any], time: Instant, fileIndex: Int, offset: Int64) -> LogEvent? {
        func string(_ key: String) -> String? { (body[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        let eventID = body["eventId"] as? Int
        switch type {
        case "Authentication":
            let status = string("status") ?? ""
            let success = eventID.map { $0 == 4624 } ?? (status == "NT_STATUS_OK")
            var event = LogEvent(success ? .authSuccess : .authFailure, time: time, format: .sambaAudit, fileIndex: fileIndex, offset: offset)
            event.user = string("clientAccount") ?? string("mappedAccount")
            event.sourceIP = string("remoteAddress").flatMap(address)
            event.serverIP = string("localAddress").flatMap(address)
            event.service = service(string("serviceDescription"))
            event.mechanism = string("authDescription")
            event.appname = "samba"
            if !success { event.reason = reason(status) }
            event.windows = WindowsEventContext(eventCode: eventID ?? (success ? 4624 : 4625), recordID: 0, host: nil,
                                                logonType: body["logonType"] as? Int)
            return event
        case "passwordChange":
            guard let dn = string("dn") else { return nil }
            let reset = eventID == 4724 || string("action") == "Reset"
            return change(reset ? .passwordReset : .passwordChanged, body, time: time, fileIndex: fileIndex, offset: offset,
                          change: DirectoryChange(target: firstValue(dn), targetID: dn), eventID: eventID ?? (reset ? 4724 : 4723))
        case "groupChange":
            guard let group = string("group"), let member = string("user") else { return nil }
            let action = string("action") ?? ""
            // `PrimaryGroup` is an account's default group set at creation; a "group" that is the
            // member itself is Samba's own bookkeeping of a new account.
            guard action == "Added" || action == "Removed", group.lowercased() != member.lowercased() else { return nil }
            return change(action == "Added" ? .memberAdded : .memberRemoved, body, time: time, fileIndex: fileIndex, offset: offset,
                          change: DirectoryChange(target: firstValue(member), targetID: member, group: firstValue(group)),
                          eventID: eventID ?? (action == "Added" ? 4728 : 4729))
        case "dsdbChange":
            guard string("status") == nil || string("status") == "Success", let dn = string("dn") else { return nil }
            let attributes = body["attributes"] as? [String: Any] ?? [:]
            switch string("operation") {
            case "Add":
                let classes = values(attributes["objectClass"]).map { $0.lowercased() }
                guard classes.contains("user"), !classes.contains("computer") else { return nil }
                return change(.accountCreated, body, time: time, fileIndex: fileIndex, offset: offset,
                              change: DirectoryChange(target: values(attributes["sAMAccountName"]).first ?? firstValue(dn), targetID: dn), eventID: 4720)
            case "Delete":
                return change(.accountDeleted, body, time: time, fileIndex: fileIndex, offset: offset,
                              change: DirectoryChange(target: firstValue(dn), targetID: dn), eventID: 4726)
            case "Modify":
                // userAccountControl is written as a delete of the old value and an add of the new.
                let uac = attributes["userAccountControl"]
                guard let new = values(uac, actions: ["add", "replace"]).first.flatMap({ UInt32($0) }) else { return nil }
                let old = values(uac, actions: ["delete"]).first.flatMap { UInt32($0) }
                let target = DirectoryChange(target: firstValue(dn), targetID: dn,
                                             changes: ["userAccountControl: " + (old.map { String(format: "0x%x", $0) } ?? "?") + " -> " + String(format: "0x%x", new)])
                if let old, old & 0x2 != 0, new & 0x2 == 0 {
                    return change(.accountEnabled, body, time: time, fileIndex: fileIndex, offset: offset, change: target, eventID: 4722)
                }
                if let old, old & 0x2 == 0, new & 0x2 != 0 {
                    return change(.accountDisabled, body, time: time, fileIndex: fileIndex, offset: offset, change: target, eventID: 4725)
                }
                return change(.accountChanged, body, time: time, fileIndex: fileIndex, offset: offset, change: target, eventID: 4738)
            default:
                return nil
            }
        default:
            return nil  // transactions, authorizations: no change of their own
        }
    }

    static func change(_ action: LogEvent.Action, _ body: [String: Any], time: Instant, fileIndex: Int, offset: Int64,
                       change: DirectoryChange, eventID: Int) -> LogEvent {
        var event = LogEvent(action, time: time, format: .sambaAudit, fileIndex: fileIndex, offset: offset)
        // The actor's SID; a change made by the DC itself (performedAsSystem, or over ldapi) has SYSTEM's.
        event.user = (body["userSid"] as? String) ?? ((body["performedAsSystem"] as? Bool) == true ? "S-1-5-18" : nil)
        event.sourceIP = (body["remoteAddress"] as? String).flatMap(address)
        event.change = change
        event.appname = "samba"
        event.windows = WindowsEventContext(eventCode: eventID, recordID: 0, host: nil)
        return event
    }

    /// The values of one attribute of a dsdbChange (`{"actions": [{"values": [{"value": …}]}]}`).
    static func values(_ attribute: Any?, actions wanted: Set<String>? = nil) -> [String] {
        guard let attribute = attribute as? [String: Any], let actions = attribute["actions"] as? [[String: Any]] else { return [] }
        return actions.filter { wanted == nil || wanted!.contains($0["action"] as? String ?? "") }
            .flatMap { ($0["values"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String } }
    }

    /// `ipv4:192.0.2.7:51234`, `ipv6:[2001:db8::1]:51234` (or without brackets) → the address.
    static func address(_ text: String) -> String? {
        var rest = Substring(text)
        if rest.hasPrefix("ipv4:") {
            rest = rest.dropFirst(5)
            return rest.split(separator: ":").first.map(String.init)
        }
        if rest.hasPrefix("ipv6:") {
            rest = rest.dropFirst(5)
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[rest.index(after: rest.startIndex)..<close]) }
            if let last = rest.lastIndex(of: ":") { return String(rest[..<last]) }
        }
        return nil
    }

    static func service(_ description: String?) -> Service {
        switch description?.lowercased() ?? "" {
        case let text where text.contains("kerberos"): .kerberos
        case let text where text.contains("ldap"): .ldap
        default: .ntlm  // SMB, SamLogon, DCE/RPC: NTLM against the DC
        }
    }

    static func reason(_ status: String) -> String {
        switch status {
        case "NT_STATUS_WRONG_PASSWORD": "password mismatch"
        case "NT_STATUS_NO_SUCH_USER": "unknown user"
        case "NT_STATUS_ACCOUNT_LOCKED_OUT": "account locked"
        case "NT_STATUS_ACCOUNT_DISABLED": "account disabled"
        case "NT_STATUS_ACCOUNT_EXPIRED": "account expired"
        case "NT_STATUS_PASSWORD_EXPIRED": "password expired"
        case "NT_STATUS_PASSWORD_MUST_CHANGE": "password must change"
        default: "authentication failed"
        }
    }

    /// `CN=Alice Smith,OU=Staff,…` → `Alice Smith`.
    static func firstValue(_ dn: String) -> String {
        guard let equals = dn.firstIndex(of: "=") else { return dn }
        let rest = dn[dn.index(after: equals)...]
        var value = ""
        var escaped = false
        for character in rest {
            if escaped { value.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "," { break }
            value.append(character)
        }
        return value
    }
}
