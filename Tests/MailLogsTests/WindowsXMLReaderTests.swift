import Foundation
import LogTestSupport
import MailLogs
import RelayAuditCore
import Testing

/// Windows events as XML text: a real host's 4625 as Windows renders it on one line
/// (Tests/Fixtures/windows/SOURCES.md), evtx_dump.py's rendering of the real .evtx samples
/// (which must give the very events the binary reader gives), and hostile text.
struct WindowsXMLReaderTests {
    @Test func aRealFailedLogonOnOneLine() throws {
        let text = try Fixtures.text("Tests/Fixtures/windows/wazuh-4625.xml").trimmingCharacters(in: .newlines)
        let result = LogHarness.parse(text, format: .windowsXML)
        let event = try #require(result.events.first)
        #expect(result.events.count == 1 && result.verdicts == [.understood])
        #expect(event.action == .authFailure && event.format == .windowsXML)
        #expect(event.user == "WIN-6UJQ4IGFLK2\\Administrator" && event.sourceIP == "127.0.0.1")
        #expect(event.reason == "password mismatch")
        #expect(event.windows?.eventCode == 4625 && event.windows?.recordID == 219_488 && event.windows?.logonType == 7)
        #expect(event.windows?.process == "svchost.exe" && event.windows?.host == "WIN-6UJQ4IGFLK2")
        #expect(event.time == CivilTime.parseISO8601("2019-11-21T09:27:22Z"))
    }

    @Test(.enabled(if: EVTXReaderTests.independentReaderPresent, "needs ../shared/samples/evtx and python3-evtx (install-deps.sh --test)"),
          arguments: ["new-user-security", "post-Security", "security"])
    func theIndependentReadersXMLGivesTheBinaryReadersEvents(_ name: String) throws {
        let xml = try CommandRunner.run([EVTXReaderTests.path(name)], executable: EVTXReaderTests.evtxDump).stdout
        let fromXML = LogHarness.parse(xml, format: .windowsXML).events
        var fromEVTX: [LogEvent] = []
        try EVTXReaderTests.readFile(EVTXReaderTests.path(name)) { record, _ in
            if let event = SecurityEventMapper.event(record, fileIndex: 0, offset: 0) { fromEVTX.append(event) }
        }
        func comparable(_ events: [LogEvent]) -> [String] {
            events.map { "\($0.action) \($0.time.seconds) \($0.user ?? "-") \($0.sourceIP ?? "-") \($0.change?.target ?? "-") \($0.change?.group ?? "-") "
                + "\($0.windows?.eventCode ?? 0) \($0.windows?.recordID ?? 0) \($0.windows?.logonType ?? -1) \($0.reason ?? "-")" }
        }
        #expect(!fromEVTX.isEmpty)
        #expect(comparable(fromXML) == comparable(fromEVTX))
    }

    /// Names an intruder chose arrive escaped in XML: they come out as the text they were,
    /// and markup inside them cannot add fields or events.
    @Test func escapedNamesStayNames() {
        let line = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>4720</EventID>"
            + "<TimeCreated SystemTime='2026-11-28T09:00:00.0000000Z'/><EventRecordID>7</EventRecordID><Computer>DC1</Computer></System>"
            + "<EventData><Data Name='TargetUserName'>x&lt;/Data&gt;&lt;Data Name='SubjectUserName'&gt;Administrator&amp;#x1B;</Data>"
            + "<Data Name='SubjectUserName'>it.support</Data><Data Name='SubjectDomainName'>CORP</Data></EventData></Event>"
        let events = LogHarness.parse(line, format: .windowsXML).events
        #expect(events.count == 1)
        #expect(events.first?.user == "CORP\\it.support")
        #expect(events.first?.change?.target == "x</Data><Data Name='SubjectUserName'>Administrator&#x1B;")
    }

    /// Exchange checks an SMTP AUTH password with a type 8 (NetworkCleartext) logon in its front
    /// end transport process: the 4625 names the account Exchange's SMTP log never names. The
    /// documented fields of 4625, as an Exchange server writes them (no client address: Exchange
    /// does not pass it).
    @Test func exchangesSMTPAuthFailureIsSMTPWithItsAccount() {
        let line = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/>"
            + "<EventID>4625</EventID><TimeCreated SystemTime='2026-11-28T09:00:00.1234567Z'/><EventRecordID>77</EventRecordID>"
            + "<Computer>EXCH1.corp.example</Computer></System><EventData><Data Name='SubjectUserSid'>S-1-5-18</Data>"
            + "<Data Name='SubjectUserName'>EXCH1$</Data><Data Name='SubjectDomainName'>CORP</Data><Data Name='TargetUserSid'>S-1-0-0</Data>"
            + "<Data Name='TargetUserName'>kiosk</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='Status'>0xc000006d</Data>"
            + "<Data Name='SubStatus'>0xc000006a</Data><Data Name='LogonType'>8</Data><Data Name='LogonProcessName'>Advapi  </Data>"
            + "<Data Name='AuthenticationPackageName'>Negotiate</Data><Data Name='WorkstationName'>EXCH1</Data>"
            + "<Data Name='ProcessName'>C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\MSExchangeFrontendTransport.exe</Data>"
            + "<Data Name='IpAddress'>-</Data><Data Name='IpPort'>-</Data></EventData></Event>"
        let event = LogHarness.parse(line, format: .windowsXML).events.first
        #expect(event?.action == .authFailure && event?.service == .smtp)
        #expect(event?.user == "CORP\\kiosk" && event?.sourceIP == nil && event?.reason == "password mismatch")
        #expect(event?.windows?.process == "MSExchangeFrontendTransport.exe" && event?.windows?.logonType == 8)
    }

    @Test func brokenXMLIsUnrecognizedNotACrash() {
        for text in ["<Event><System><EventID>4720</EventID></System>", "<Event></Data></Event>", "<Event " + String(repeating: "a='", count: 50) + "</Event>",
                     String(repeating: "<Event>", count: 200) + String(repeating: "</Event>", count: 200)] {
            let result = LogHarness.parse(text, format: .windowsXML)
            #expect(result.events.isEmpty)
        }
    }
}
