import Foundation
import MailLogs
import RelayAuditCore
import Reports
import Testing
import TestSupport

/// `events` writes each line straight into text; the oracle is the general JSON writer given
/// the same object as a tree (how the lines were made before): both must give the same bytes
/// for every event of every fixture and for events with every optional field and hostile text.
struct EventNDJSONTests {
    /// The event as a JSON tree, field by field as the interface's `events` shape has it.
    static func tree(_ event: LogEvent, files: [String]) -> String {
        var pairs: [(String, JSONValue)] = [
            ("@timestamp", .string(event.time.iso8601)),
            ("event", .object([("action", .string(event.action.rawValue)), ("outcome", .string(event.success ? "success" : "failure"))])),
        ]
        if let ip = event.sourceIP { pairs.append(("source", .object([("ip", .string(ip))]))) }
        if let ip = event.serverIP { pairs.append(("server", .object([("ip", .string(ip))]))) }
        var user: [(String, JSONValue)] = []
        if let name = event.user { user.append(("name", .string(name))) }
        if let change = event.change, change.target != nil || change.targetID != nil {
            var target: [(String, JSONValue)] = []
            if let name = change.target { target.append(("name", .string(name))) }
            if let id = change.targetID { target.append(("id", .string(id))) }
            user.append(("target", .object(target)))
        }
        if !user.isEmpty { pairs.append(("user", .object(user))) }
        if let group = event.change?.group { pairs.append(("group", .object([("name", .string(group))]))) }
        if let service = event.service { pairs.append(("network", .object([("protocol", .string(service.networkProtocol))]))) }
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
        if let service = event.service { extra.append(("service", .string(service.rawValue))) }
        if let mechanism = event.mechanism { extra.append(("mechanism", .string(mechanism))) }
        if let reason = event.reason { extra.append(("reason", .string(reason))) }
        if let status = event.status { extra.append(("status", .string(status))) }
        if let original = event.originalID { extra.append(("original_id", .string(original))) }
        if event.action == .delivery { extra.append(("local_delivery", .bool(event.localDelivery))) }
        if let size = event.size { extra.append(("size", .int(size))) }
        if let changes = event.change?.changes, !changes.isEmpty { extra.append(("changes", .strings(changes))) }
        if !extra.isEmpty { pairs.append(("relay_audit", .object(extra))) }
        return JSONWriter.render(.object(pairs), pretty: false)
    }

    @Test func everyFixtureEventIsWrittenAsTheTreeWouldBe() throws {
        var options = LogReadOptions(year: 2026, timeZone: TimeZone(identifier: "UTC")!)
        options.joinExpirySeconds = 86_400
        var sink = EventCollector()
        let summary = try MailLogReader.read(LogFixtures.all, options: options, into: &sink)
        #expect(sink.events.count > 1000)
        var writer = EventNDJSONWriter()
        var mismatches = 0
        for event in sink.events {
            var line = ""
            writer.append(event, files: summary.files, to: &line)
            if line != Self.tree(event, files: summary.files) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // Every mail action occurs in the fixtures (directory changes come from audit trails).
        #expect(Set(sink.events.map(\.action)) == Set(LogEvent.Action.allCases.filter { $0.kind != .directoryChange }))
        #expect(Set(sink.events.compactMap(\.service)).contains(.smtp))
    }

    /// Every optional field present and absent, hostile text in each string, times before 1970
    /// and a file index outside the list.
    @Test func everyFieldCombinationAndHostileTextMatchTheTree() {
        let hostile = ["a\"b\\c", "line\nbreak\r\t", "\u{1B}[31mred\u{1B}]0;t\u{07}", "\u{202E}rlo\u{2028}", "nul\u{0}x", "é✓𝄞", ""]
        var writer = EventNDJSONWriter()
        for round in 0..<2000 {
            // Seeded by round, so a failure names the event that can be made again.
            var generator = SplitMix64(seed: UInt64(round))
            let action = LogEvent.Action.allCases[round % LogEvent.Action.allCases.count]
            var event = LogEvent(action, time: Instant(seconds: Int64.random(in: -100_000...2_000_000_000, using: &generator)),
                                 format: LogFormat.allCases[round % LogFormat.allCases.count],
                                 fileIndex: round % 3, offset: Int64(round) * 97)
            func pick() -> String? { Bool.random(using: &generator) ? hostile.randomElement(using: &generator)! + "\(round)" : nil }
            event.success = Bool.random(using: &generator)
            event.sourceIP = pick()
            event.user = pick()
            event.from = pick()
            event.to = (0..<Int.random(in: 0...3, using: &generator)).map { _ in hostile.randomElement(using: &generator)! }
            event.localID = pick()
            event.appname = pick()
            event.attempts = Int.random(in: 0...3, using: &generator)
            event.mechanism = pick()
            event.reason = pick()
            event.status = pick()
            event.originalID = pick()
            event.localDelivery = Bool.random(using: &generator)
            event.size = Bool.random(using: &generator) ? Int.random(in: 0...1_000_000, using: &generator) : nil
            event.service = Bool.random(using: &generator) ? Service.allCases.randomElement(using: &generator) : nil
            if Bool.random(using: &generator) {
                event.change = DirectoryChange(target: pick(), targetID: pick(), group: pick(),
                                               changes: (0..<Int.random(in: 0...2, using: &generator)).map { _ in hostile.randomElement(using: &generator)! })
            }
            let files = ["/var/log/mail.log", "we\"ird\n.log"]
            var line = ""
            writer.append(event, files: files, to: &line)
            #expect(line == Self.tree(event, files: files), "round \(round)")
            #expect(EventNDJSON.line(event, files: files) == line)
        }
    }
}
