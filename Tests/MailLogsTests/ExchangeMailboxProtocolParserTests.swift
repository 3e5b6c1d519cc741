import Foundation
@testable import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// Exchange IMAP4 and POP3 protocol logs: real records from two Microsoft Q&A threads (sources
/// in the fixture), headerless excerpts as admins paste them, and POP3's documented USER/PASS.
struct ExchangeMailboxProtocolParserTests {
    @Test func thePublicIMAP4RecordsAreMailboxLogonsWithTheirAccount() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/exchange-imap4.log")
        // Recognised by its header (the reader sniffs the first lines).
        func sniff(_ lines: [String]) -> LogFormat? {
            var sniffer = FileFormatSniffer()
            for line in lines { Array(line.utf8).withUnsafeBytes { sniffer.examine(ByteLine($0)) } }
            return sniffer.format
        }
        #expect(sniff(Array(text.split(separator: "\n").prefix(8).map(String.init))) == .exchangeProtocol)
        #expect(sniff(["#Software: Microsoft Exchange Server", "#Log-type: POP3 Protocol Log"]) == .exchangeProtocol)
        let result = LogHarness.parse(text, format: .exchangeProtocol)
        let logons = result.events.filter { $0.kind == .authentication }
        #expect(logons.count == 3)
        #expect(logons.allSatisfy { $0.action == .authFailure && $0.service == .imap && $0.format == .exchangeProtocol })
        #expect(logons.map(\.user) == ["domaion\\user\\sharedmailbox", "<username>", "HealthMailboxab28d88"])
        #expect(logons.map(\.sourceIP) == ["90.187.51.145", "192.168.3.212", "127.0.0.1"])
        #expect(logons.map(\.serverIP) == ["10.135.0.23", "192.168.3.212", "127.0.0.1"])
        #expect(logons.map(\.mechanism) == ["PLAIN", nil, nil])
        #expect(logons.map(\.reason) == ["logon denied", "proxy not authenticated", "proxy not authenticated"])
        #expect(result.verdicts.count { $0 == .unrecognized } == 0)
    }

    /// Pasted without its header (both public threads did): read with --format exchange-protocol
    /// by the record's shape, not as SMTP Receive records.
    @Test func aHeaderlessExcerptIsReadWithTheFormatNamed() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/exchange-imap4.log")
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let result = LogHarness.parse(text, format: .exchangeProtocol)
        #expect(result.events.filter { $0.action == .authFailure }.map(\.user) == ["domaion\\user\\sharedmailbox", "<username>", "HealthMailboxab28d88"])
    }

    static let popHeader = """
        #Software: Microsoft Exchange Server
        #Version: 15.01.2507.006
        #Log-type: POP3 Protocol Log
        #Fields: dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context,puid
        """

    /// No public POP3 sample exists: the documented columns with POP3's own replies. The
    /// name comes from USER when PASS fails before Exchange fills the user column.
    @Test func pop3PassAfterUserNamesTheAccount() {
        let text = Self.popHeader + "\n" + [
            "2026-11-28T09:00:00.000Z,0000000000000011,0,10.0.0.5:995,203.0.113.9:50111,,1,0,40,OpenSession,,,",
            "2026-11-28T09:00:01.000Z,0000000000000011,1,10.0.0.5:995,203.0.113.9:50111,,1,10,4,user,kiosk,R=+OK,",
            "2026-11-28T09:00:02.000Z,0000000000000011,2,10.0.0.5:995,203.0.113.9:50111,,1,10,50,pass,*****,\"R=-ERR Logon failure: unknown user name or bad password.\",",
            "2026-11-28T09:00:05.000Z,0000000000000012,0,10.0.0.5:995,198.51.100.4:50200,,1,0,40,OpenSession,,,",
            "2026-11-28T09:00:06.000Z,0000000000000012,1,10.0.0.5:995,198.51.100.4:50200,alice@corp.example,1,10,4,pass,*****,R=+OK,",
        ].joined(separator: "\n")
        let events = LogHarness.parse(text, format: .exchangeProtocol).events
        #expect(events.map(\.action) == [.authFailure, .authSuccess])
        #expect(events.map(\.user) == ["kiosk", "alice@corp.example"])
        #expect(events.allSatisfy { $0.service == .pop })
        #expect(events.first?.reason == "logon denied")
    }

    @Test func theReplyDecidesTheOutcome() {
        #expect(ExchangeMailboxProtocolParser.outcome("R=ok") == true)
        #expect(ExchangeMailboxProtocolParser.outcome("R=OK;Msg=\"Proxy:EXCH01:1993:SSL;ProxySuccess\"") == true)
        #expect(ExchangeMailboxProtocolParser.outcome("R=\"a1 OK LOGIN completed.\"") == true)
        #expect(ExchangeMailboxProtocolParser.outcome("R=\"2 NO AUTHENTICATE failed.\";Msg=\"x\"") == false)
        #expect(ExchangeMailboxProtocolParser.outcome("R=-ERR Logon failure") == false)
        #expect(ExchangeMailboxProtocolParser.outcome("") == nil)
        #expect(ExchangeMailboxProtocolParser.outcome("R=+ ") == nil)
    }

    /// The password in LOGIN's parameters is masked by Exchange; a client that typed only
    /// stars names no one.
    @Test func aMaskedLoginArgumentIsNoName() {
        #expect(ExchangeMailboxProtocolParser.user(column: nil, context: "R=\"a2 NO LOGIN failed.\"", command: "login", parameters: " *****") == nil)
        #expect(ExchangeMailboxProtocolParser.user(column: nil, context: "", command: "login", parameters: "frank@contoso.test *****") == "frank@contoso.test")
    }
}
