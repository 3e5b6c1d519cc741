public import RelayAuditCore

/// One line of relay-audit's own ECS NDJSON (what `relay-audit events` writes, or what a SIEM
/// that stored those events exports) back into the event it was written from.
///
/// The object may be nested, as `events` writes it (`{"event":{"action":…}}`), or flattened,
/// as some SIEM exports are (`{"event.action":…}`): keys are read as dotted paths either way.
/// Members relay-audit does not know are skipped; a line without `@timestamp` or with an
/// `event.action` that is not one of relay-audit's is not understood (and counted).
/// `service.type` gives back the reader the event came from, which decides how two lines of
/// one attempt are told apart (a Dovecot session, Postfix and Dovecot pairs). The event points
/// at its line of the NDJSON file (the original `log.file.path` and `log.offset` are on that
/// line for whoever needs the host's own log).
public enum ECSEventDecoder {
    public static func decode(_ line: ByteLine, fileIndex: Int, offset: Int64) -> LogEvent? {
        var scanner = FlatJSONScanner(line)
        var fields = Fields()
        guard scanner.peek() == UInt8(ascii: "{"), walk(&scanner, prefix: [], into: &fields), scanner.peek() == nil else { return nil }
        guard let stamp = fields.timestamp, let time = CivilTime.parseISO8601(stamp),
              let actionName = fields.action, let action = LogEvent.Action(rawValue: actionName)
        else { return nil }
        let format = fields.serviceType.flatMap(LogFormat.init(rawValue:)) ?? .ecs
        var event = LogEvent(action, time: time, format: format, fileIndex: fileIndex, offset: offset)
        if let outcome = fields.outcome { event.success = outcome == "success" }
        event.sourceIP = fields.sourceIP
        event.serverIP = fields.serverIP
        event.user = fields.user
        event.service = fields.service.flatMap(Service.init(rawValue:))
        event.from = fields.from
        event.to = fields.to
        event.localID = fields.localID
        event.appname = fields.appname
        if let attempts = fields.attempts.flatMap(Int.init), attempts >= 0 { event.attempts = attempts }
        event.mechanism = fields.mechanism
        event.reason = fields.reason
        event.status = fields.status
        event.originalID = fields.originalID
        event.localDelivery = fields.localDelivery == "true"
        event.size = fields.size.flatMap(Int.init)
        if fields.target != nil || fields.targetID != nil || fields.group != nil || !fields.changes.isEmpty {
            event.change = DirectoryChange(target: fields.target, targetID: fields.targetID, group: fields.group, changes: fields.changes)
        }
        return event
    }

    /// Whether a line looks like one of these events (for recognising the file).
    public static func looksLikeEvent(_ line: ByteLine) -> Bool {
        line.count > 2 && line[0] == UInt8(ascii: "{") && line.find("\"@timestamp\"") != nil && line.find("event") != nil
    }

    /// The `@timestamp` of a line, for putting files in time order.
    public static func time(_ line: ByteLine) -> Instant? {
        var scanner = FlatJSONScanner(line)
        var fields = Fields()
        guard walk(&scanner, prefix: [], into: &fields), let stamp = fields.timestamp else { return nil }
        return CivilTime.parseISO8601(stamp)
    }

    struct Fields {
        var timestamp: String?
        var action: String?
        var outcome: String?
        var sourceIP: String?
        var serverIP: String?
        var user: String?
        var target: String?
        var targetID: String?
        var group: String?
        var service: String?
        var serviceType: String?
        var from: String?
        var to: [String] = []
        var localID: String?
        var appname: String?
        var attempts: String?
        var mechanism: String?
        var reason: String?
        var status: String?
        var originalID: String?
        var localDelivery: String?
        var size: String?
        var changes: [String] = []

        mutating func set(_ path: String, _ value: String) {
            switch path {
            case "@timestamp": timestamp = value
            case "event.action": action = value
            case "event.outcome": outcome = value
            case "source.ip": sourceIP = value
            case "server.ip": serverIP = value
            case "user.name": user = value
            case "user.target.name": target = value
            case "user.target.id": targetID = value
            case "group.name": group = value
            case "relay_audit.service": service = value
            case "service.type": serviceType = value
            case "email.from.address": from = value
            case "email.to.address": to.append(value)
            case "email.local_id": localID = value
            case "log.syslog.appname": appname = value
            case "relay_audit.attempts": attempts = value
            case "relay_audit.mechanism": mechanism = value
            case "relay_audit.reason": reason = value
            case "relay_audit.status": status = value
            case "relay_audit.original_id": originalID = value
            case "relay_audit.local_delivery": localDelivery = value
            case "relay_audit.size": size = value
            case "relay_audit.changes": changes.append(value)
            default: break
            }
        }
    }

    /// Reads one object, calling `fields.set` with the dotted path of every string or scalar
    /// (each element of an array under the array's path).
    static func walk(_ scanner: inout FlatJSONScanner, prefix: [UInt8], into fields: inout Fields) -> Bool {
        guard scanner.expect(UInt8(ascii: "{")) else { return false }
        if scanner.expect(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = scanner.string(), scanner.expect(UInt8(ascii: ":")) else { return false }
            let path = prefix.isEmpty ? key : prefix + [UInt8(ascii: ".")] + key
            guard value(&scanner, path: path, into: &fields) else { return false }
            if scanner.expect(UInt8(ascii: ",")) { continue }
            return scanner.expect(UInt8(ascii: "}"))
        }
    }

    static func value(_ scanner: inout FlatJSONScanner, path: [UInt8], into fields: inout Fields) -> Bool {
        switch scanner.peek() {
        case UInt8(ascii: "{")?:
            return walk(&scanner, prefix: path, into: &fields)
        case UInt8(ascii: "[")?:
            _ = scanner.expect(UInt8(ascii: "["))
            if scanner.expect(UInt8(ascii: "]")) { return true }
            while true {
                guard value(&scanner, path: path, into: &fields) else { return false }
                if scanner.expect(UInt8(ascii: ",")) { continue }
                return scanner.expect(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "\"")?:
            guard let text = scanner.string() else { return false }
            fields.set(String(decoding: path, as: UTF8.self), String(decoding: text, as: UTF8.self))
            return true
        case .some:
            guard let text = scanner.scalar() else { return false }
            if text != Array("null".utf8) { fields.set(String(decoding: path, as: UTF8.self), String(decoding: text, as: UTF8.self)) }
            return true
        case nil:
            return false
        }
    }
}
