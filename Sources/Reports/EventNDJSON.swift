public import MailLogs
import RelayAuditCore

/// `relay-audit events`: one ECS-shaped JSON object per line (NDJSON), fields nested as ECS
/// writes them. Absent values are left out, never written as empty strings. Every string is
/// escaped by the JSON writer: a username with a newline stays on its line.
public enum EventNDJSON {
    public static func line(_ event: LogEvent, files: [String]) -> String {
        var pairs: [(String, JSONValue)] = [
            ("@timestamp", .string(CivilTime.iso8601(Date(timeIntervalSince1970Int: event.time)))),
            ("event", .object([("action", .string(event.action.rawValue)), ("outcome", .string(event.success ? "success" : "failure"))])),
        ]
        if let ip = event.sourceIP { pairs.append(("source", .object([("ip", .string(ip))]))) }
        if let user = event.user { pairs.append(("user", .object([("name", .string(user))]))) }
        var email: [(String, JSONValue)] = []
        if let from = event.from { email.append(("from", .object([("address", .string(from))]))) }
        if !event.to.isEmpty { email.append(("to", .object([("address", .strings(event.to))]))) }
        if let id = event.localID { email.append(("local_id", .string(id))) }
        if !email.isEmpty { pairs.append(("email", .object(email))) }
        var log: [(String, JSONValue)] = [
            ("file", .object([("path", .string(event.fileIndex < files.count ? files[event.fileIndex] : "-"))])),
            ("offset", .int(Int(event.offset))),
        ]
        if let app = event.appname { log.append(("syslog", .object([("appname", .string(app))]))) }
        pairs.append(("log", .object(log)))
        pairs.append(("service", .object([("type", .string(event.format.rawValue))])))
        var extra: [(String, JSONValue)] = []
        if event.attempts != 1 { extra.append(("attempts", .int(event.attempts))) }
        if let mechanism = event.mechanism { extra.append(("mechanism", .string(mechanism))) }
        if let reason = event.reason { extra.append(("reason", .string(reason))) }
        if let status = event.status { extra.append(("status", .string(status))) }
        if let original = event.originalID { extra.append(("original_id", .string(original))) }
        if event.action == .delivery { extra.append(("local_delivery", .bool(event.localDelivery))) }
        if let size = event.size { extra.append(("size", .int(size))) }
        if !extra.isEmpty { pairs.append(("relay_audit", .object(extra))) }
        return JSONWriter.render(.object(pairs), pretty: false)
    }
}

import struct Foundation.Date

extension Date {
    init(timeIntervalSince1970Int seconds: Int64) { self.init(timeIntervalSince1970: Double(seconds)) }
}
