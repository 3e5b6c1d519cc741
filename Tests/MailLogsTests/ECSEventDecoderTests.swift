import MailLogs
import RelayAuditCore
import Testing

/// relay-audit's own events read back: every field `events` writes, nested or flattened as a
/// SIEM exports them; lines that are not such events are not understood.
struct ECSEventDecoderTests {
    func decode(_ text: String) -> LogEvent? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { ECSEventDecoder.decode(ByteLine(UnsafeRawBufferPointer($0)), fileIndex: 2, offset: 40) }
    }

    @Test func readsTheNestedShapeEventsWrites() throws {
        let line = #"{"@timestamp":"2026-11-23T20:00:01Z","event":{"action":"auth-failure","outcome":"failure"},"source":{"ip":"45.1.2.3"},"user":{"name":"o'brien\n\"x\""},"network":{"protocol":"imap"},"email":{"local_id":"AbCd/+12"},"log":{"file":{"path":"/var/log/mail.log"},"offset":123,"syslog":{"appname":"imap-login"}},"service":{"type":"dovecot"},"relay_audit":{"attempts":2,"service":"imap","mechanism":"PLAIN","reason":"password mismatch"}}"#
        let event = try #require(decode(line))
        #expect(event.action == .authFailure && !event.success)
        #expect(event.time == Instant(seconds: 1_795_464_001))
        #expect(event.sourceIP == "45.1.2.3")
        #expect(event.user == "o'brien\n\"x\"")
        #expect(event.service == .imap)
        #expect(event.format == .dovecot, "the reader it came from")
        #expect(event.localID == "AbCd/+12")
        #expect(event.appname == "imap-login")
        #expect(event.attempts == 2)
        #expect(event.reason == "password mismatch")
        #expect(event.fileIndex == 2 && event.offset == 40, "points at its line of the NDJSON file")
    }

    @Test func readsFlattenedKeysAndMessages() throws {
        let line = #"{"@timestamp":"2026-11-23T20:00:01.250+01:00","event.action":"message-accepted","event.outcome":"success","user.name":"alice","email.from.address":"","email.to.address":["a@x.example","b@y.example"],"service.type":"postfix","relay_audit.size":4096,"extra":{"nested":[1,{"a":null}]}}"#
        let event = try #require(decode(line))
        #expect(event.action == .messageAccepted)
        #expect(event.time == Instant(seconds: 1_795_460_401))
        #expect(event.from == "")
        #expect(event.to == ["a@x.example", "b@y.example"])
        #expect(event.size == 4096)
        #expect(event.format == .postfix)
    }

    @Test func directoryChangesComeBack() throws {
        let line = #"{"@timestamp":"2026-11-27T01:45:55Z","event":{"action":"group-member-added","outcome":"success"},"user":{"name":"CORP\\intruder","target":{"name":"it.support","id":"S-1-5-21-1-2-3-1105"}},"group":{"name":"Domain Admins"},"service":{"type":"ecs"},"relay_audit":{"changes":["member"]}}"#
        let event = try #require(decode(line))
        #expect(event.user == "CORP\\intruder")
        #expect(event.change?.target == "it.support")
        #expect(event.change?.targetID == "S-1-5-21-1-2-3-1105")
        #expect(event.change?.group == "Domain Admins")
        #expect(event.change?.changes == ["member"])
    }

    @Test(arguments: [
        #"{"@timestamp":"2026-11-23T20:00:01Z","event":{"action":"format-c","outcome":"success"}}"#,
        #"{"event":{"action":"auth-success"}}"#,
        #"{"@timestamp":"yesterday","event":{"action":"auth-success"}}"#,
        #"{"@timestamp":"2026-11-23T20:00:01Z","event":{"action":"auth-success""#,
        #"{"@timestamp":"2026-11-23T20:00:01Z","event":{"action":"auth-success"}} trailing"#,
        "Nov 23 20:00:01 mx1 postfix/smtpd[1]: connect from unknown[1.2.3.4]", "",
    ])
    func whatIsNotAnEventIsNotUnderstood(_ line: String) {
        #expect(decode(line) == nil)
    }
}
