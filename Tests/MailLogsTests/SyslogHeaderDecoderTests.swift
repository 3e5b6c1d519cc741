import Foundation
import MailLogs
import RelayAuditCore
import Testing

struct SyslogHeaderDecoderTests {
    func decode(_ text: String) -> (TimestampParts?, String?, String?, Int?, String) {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBytes { buffer in
            let h = SyslogHeaderDecoder.decode(ByteLine(UnsafeRawBufferPointer(buffer)))
            return (h.timestamp, h.host?.string, h.program?.string, h.pid, h.message.string)
        }
    }

    @Test func classicSyslogWithAndWithoutHost() {
        let a = decode("Oct 13 20:41:03 custhost1 postfix/smtpd[5331]: 123: client=x")
        #expect(a.0 == .syslog(month: 10, day: 13, hour: 20, minute: 41, second: 3))
        #expect(a.1 == "custhost1" && a.2 == "postfix/smtpd" && a.3 == 5331 && a.4 == "123: client=x")
        let b = decode("Nov 11 09:48:23 postfix/submission/smtpd[260526]: msg")
        #expect(b.1 == nil && b.2 == "postfix/submission/smtpd")
        let c = decode("Aug 3 15:30:49 ksusha postfix/smtpd[17041]: warning: x")
        #expect(c.0 == .syslog(month: 8, day: 3, hour: 15, minute: 30, second: 49))
        let d = decode("Jan 29 13:54:06 auth-worker(22401): Info: sql(a,1.2.3.4): unknown user")
        #expect(d.2 == "auth-worker" && d.3 == 22401 && d.4.hasPrefix("Info: "))
    }

    /// A container runtime's prefix: the daemon's line behind it is decoded as if alone, with
    /// the runtime's time when the line has none; a plain line is untouched.
    @Test func containerRuntimePrefixes() {
        let cri = decode("2026-11-28T09:00:01.123456789Z stdout F Nov 28 09:00:01 mx postfix/smtpd[7]: connect from x[192.0.2.1]")
        #expect(cri.0 == .syslog(month: 11, day: 28, hour: 9, minute: 0, second: 1) && cri.2 == "postfix/smtpd" && cri.4 == "connect from x[192.0.2.1]")
        let bare = decode("2026-11-28T09:00:01Z stderr P dovecot: imap-login: Login: user=<a>")
        #expect(bare.0 == .absolute(1_795_856_401) && bare.2 == "dovecot")
        let compose = decode("mailu_front_1  | 2026/06/22 21:09:47 [info] 30#30: *1 client logged in")
        #expect(compose.0 != nil && compose.4.hasPrefix("[info] 30#30"))
        let plain = decode("2026-11-28T09:00:01Z mx stdout: a program named stdout")
        #expect(plain.1 == "mx" && plain.2 == "stdout")
    }

    @Test func isoEximAndTAI64NTimestamps() {
        #expect(decode("2008-03-12T10:58:58+01:00 mail postfix/smtpd[24659]: m").0 == .absolute(1_205_315_938))
        #expect(decode("2024-09-05T20:08:29+0000 host postfix/smtpd[1]: m").0 == .absolute(1_725_566_909))
        #expect(decode("2024-09-05T20:08:29.123Z host postfix/smtpd[1]: m").0 == .absolute(1_725_566_909))
        let exim = decode("2014-08-10 11:18:35 [28107] 1gsu1C-003dCu-Hb <= aaron@domain.com")
        #expect(exim.0 == .local(year: 2014, month: 8, day: 10, hour: 11, minute: 18, second: 35))
        #expect(exim.2 == nil && exim.4 == "[28107] 1gsu1C-003dCu-Hb <= aaron@domain.com")
        #expect(decode("2014-08-10 11:18:35 +0200 1gsu1C-003dCu-Hb Completed").0 == .absolute(1_407_662_315))
        #expect(decode("@400000004c91b044077a9e94 imap-login: Info: x").0 == .absolute(0x4c91b044 - 10))
    }

    /// Found by Tests/Fuzz/run-fuzzers.sh (FuzzLogs): a TAI64N label past Int64 trapped.
    @Test func absurdTAI64NLabelsAreNotTimestamps() {
        #expect(decode("@ffffffffffffffff00000000 x").0 == nil)
        #expect(decode("@c000000000000000ffffffff x").0 == nil)
        #expect(decode("@3fffffffffffffff00000000 x").0 == nil)
    }

    @Test func messageTextCannotPoseAsAProgram() {
        let line = decode("2013-01-04 17:03:46 login authenticator failed for x: 535 Incorrect")
        #expect(line.2 == nil)
        #expect(decode("garbage without anything").2 == nil)
        #expect(decode("").4 == "")
    }
}

struct LogClockTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func infersTheYearFromTheReferenceAcrossNewYear() {
        // Reference: 2026-01-02T00:00:00Z. December lines belong to 2025, January to 2026.
        var clock = LogClock(fixedYear: nil, reference: Instant(seconds: 1_767_312_000), timeZone: utc)
        #expect(clock.resolve(.syslog(month: 12, day: 31, hour: 23, minute: 59, second: 59)).seconds == 1_767_225_599)
        #expect(clock.resolve(.syslog(month: 1, day: 1, hour: 0, minute: 0, second: 0)).seconds == 1_767_225_600)
    }

    @Test func aFixedYearAndAZoneApply() {
        var clock = LogClock(fixedYear: 2005, reference: Instant(seconds: 0), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        // 2005-07-12 07:47:48 CEST = 05:47:48Z
        #expect(clock.resolve(.syslog(month: 7, day: 12, hour: 7, minute: 47, second: 48)).seconds == 1_121_147_268)
        // Winter: CET (+1).
        #expect(clock.resolve(.local(year: 2005, month: 1, day: 12, hour: 7, minute: 0, second: 0)).seconds == 1_105_509_600)
    }
}

struct JournalRecordTests {
    func decode(_ text: String) -> JournalRecord? {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBytes { JournalRecord.decode(ByteLine(UnsafeRawBufferPointer($0))) }
    }

    @Test func readsStringAndByteArrayMessages() throws {
        let record = try #require(decode(#"{"__REALTIME_TIMESTAMP":"1789228152650438","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"314894","MESSAGE":"a \"q\" \u00e9\n","_X":[1,2]}"#))
        #expect(record.time?.seconds == 1_789_228_152)
        #expect(String(decoding: record.identifier, as: UTF8.self) == "postfix/smtpd")
        #expect(record.pid == 314_894)
        #expect(String(decoding: record.message, as: UTF8.self) == "a \"q\" é\n")
        let bytes = try #require(decode(#"{"MESSAGE":[104,105,255],"SYSLOG_IDENTIFIER":"x"}"#))
        #expect(bytes.message == [104, 105, 255])
    }

    @Test func rejectsWhatIsNotARecord() {
        #expect(decode("{}") == nil)
        #expect(decode(#"{"MESSAGE":"x""#) == nil)
        #expect(decode(#"{"MESSAGE":[300]}"#) == nil)
        // A digit run longer than Int can hold is not a byte either (and must not overflow).
        #expect(decode(#"{"MESSAGE":[99999999999999999999999999999]}"#) == nil)
    }
}
