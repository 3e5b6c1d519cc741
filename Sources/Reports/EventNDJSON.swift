public import MailLogs
import RelayAuditCore

/// `relay-audit events`: one ECS-shaped JSON object per line (NDJSON), fields nested as ECS
/// writes them. Absent values are left out, never written as empty strings. Every string is
/// escaped by the JSON writer's `escape`: a username with a newline stays on its line.
///
/// Written straight into the line's text, in the order and spacing `JSONWriter` gives the
/// same object: building a tree of ten small objects for every event, then rendering it, was
/// most of the time `events` took.
public enum EventNDJSON {
    public static func line(_ event: LogEvent, files: [String]) -> String {
        var writer = EventNDJSONWriter()
        var out = ""
        writer.append(event, files: files, to: &out)
        return out
    }
}

/// Writes events as NDJSON lines, remembering the last timestamp's text (events come in
/// bursts within one second).
public struct EventNDJSONWriter {
    private var lastTime = Instant.distantPast
    private var lastTimestamp = ""

    public init() {}

    /// Appends the event's line (without the line feed) to `out`.
    public mutating func append(_ event: LogEvent, files: [String], to out: inout String) {
        if event.time != lastTime {
            lastTime = event.time
            lastTimestamp = event.time.iso8601
        }
        out += "{\"@timestamp\":"
        JSONWriter.escape(lastTimestamp, into: &out)
        out += ",\"event\":{\"action\":\""
        out += event.action.rawValue
        out += event.success ? "\",\"outcome\":\"success\"" : "\",\"outcome\":\"failure\""
        if let windows = event.windows {
            // ECS keeps a Windows event id as a string.
            out += ",\"code\":\"" + String(windows.eventCode) + "\""
        }
        out += "}"
        if let windows = event.windows {
            if let host = windows.host {
                out += ",\"host\":{\"name\":"
                JSONWriter.escape(host, into: &out)
                out += "}"
            }
            // Samba's audit log has no record number.
            if windows.recordID > 0 || windows.logonType != nil {
                out += ",\"winlog\":{"
                if windows.recordID > 0 { out += "\"record_id\":" + String(windows.recordID) }
                if let type = windows.logonType { out += (windows.recordID > 0 ? "," : "") + "\"logon\":{\"type\":\"" + String(type) + "\"}" }
                out += "}"
            }
            if let process = windows.process {
                out += ",\"process\":{\"name\":"
                JSONWriter.escape(process, into: &out)
                out += "}"
            }
        }
        if let ip = event.sourceIP {
            out += ",\"source\":{\"ip\":"
            JSONWriter.escape(ip, into: &out)
            out += "}"
        }
        if let ip = event.serverIP {
            out += ",\"server\":{\"ip\":"
            JSONWriter.escape(ip, into: &out)
            out += "}"
        }
        let target = event.change.flatMap { $0.target == nil && $0.targetID == nil ? nil : $0 }
        if event.user != nil || target != nil {
            out += ",\"user\":{"
            if let user = event.user {
                out += "\"name\":"
                JSONWriter.escape(user, into: &out)
            }
            if let target {
                out += event.user == nil ? "\"target\":{" : ",\"target\":{"
                if let name = target.target {
                    out += "\"name\":"
                    JSONWriter.escape(name, into: &out)
                }
                if let id = target.targetID {
                    out += target.target == nil ? "\"id\":" : ",\"id\":"
                    JSONWriter.escape(id, into: &out)
                }
                out += "}"
            }
            out += "}"
        }
        if let group = event.change?.group {
            out += ",\"group\":{\"name\":"
            JSONWriter.escape(group, into: &out)
            out += "}"
        }
        if let service = event.service {
            out += ",\"network\":{\"protocol\":\""
            out += service.networkProtocol
            out += "\"}"
        }
        // Optional objects are opened by their first member and closed if one was written.
        var email = false
        if let from = event.from {
            member("from", &email, in: "email", &out)
            out += "{\"address\":"
            JSONWriter.escape(from, into: &out)
            out += "}"
        }
        if !event.to.isEmpty {
            member("to", &email, in: "email", &out)
            out += "{\"address\":["
            for (index, recipient) in event.to.enumerated() {
                if index > 0 { out += "," }
                JSONWriter.escape(recipient, into: &out)
            }
            out += "]}"
        }
        if let id = event.localID {
            member("local_id", &email, in: "email", &out)
            JSONWriter.escape(id, into: &out)
        }
        if email { out += "}" }
        out += ",\"log\":{\"file\":{\"path\":"
        JSONWriter.escape(event.fileIndex < files.count ? files[event.fileIndex] : "-", into: &out)
        out += "},\"offset\":"
        out += String(event.offset)
        if let app = event.appname {
            out += ",\"syslog\":{\"appname\":"
            JSONWriter.escape(app, into: &out)
            out += "}"
        }
        out += "},\"service\":{\"type\":\""
        out += event.format.rawValue
        out += "\"}"
        var extra = false
        func text(_ name: String, _ value: String?) {
            guard let value else { return }
            member(name, &extra, in: "relay_audit", &out)
            JSONWriter.escape(value, into: &out)
        }
        if event.attempts != 1 {
            member("attempts", &extra, in: "relay_audit", &out)
            out += String(event.attempts)
        }
        text("service", event.service?.rawValue)
        text("mechanism", event.mechanism)
        text("reason", event.reason)
        text("status", event.status)
        text("original_id", event.originalID)
        if event.action == .delivery {
            member("local_delivery", &extra, in: "relay_audit", &out)
            out += event.localDelivery ? "true" : "false"
        }
        if let size = event.size {
            member("size", &extra, in: "relay_audit", &out)
            out += String(size)
        }
        if let changes = event.change?.changes, !changes.isEmpty {
            member("changes", &extra, in: "relay_audit", &out)
            out += "["
            for (index, change) in changes.enumerated() {
                if index > 0 { out += "," }
                JSONWriter.escape(change, into: &out)
            }
            out += "]"
        }
        if extra { out += "}" }
        out += "}"
    }
}

/// Writes `"name":` as the next member of the optional object `object` (`,"object":{` first
/// when `opened` is still false).
private func member(_ name: String, _ opened: inout Bool, in object: String, _ out: inout String) {
    out += opened ? ",\"" : ",\"" + object + "\":{\""
    out += name
    out += "\":"
    opened = true
}

