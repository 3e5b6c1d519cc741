import LogAnalysis
import MailLogs
import Policy
import RelayAuditCore

/// Builds a stream of log events the way the readers would, for analysis and checker tests.
public struct LogScript {
    public var aggregator = ActivityAggregator()
    public var time: Instant

    public init(start: Instant = Instant(seconds: 1_795_000_000)) { time = start }

    public mutating func login(_ user: String, from ip: String, after seconds: Int64 = 60) {
        time = time.adding(seconds: seconds)
        var e = LogEvent(.authSuccess, time: time, format: .postfix)
        e.user = user
        e.sourceIP = ip
        aggregator.consume(e)
    }

    public mutating func fail(_ user: String?, from ip: String) {
        time = time.adding(seconds: 1)
        var e = LogEvent(.authFailure, time: time, format: .postfix)
        e.user = user
        e.sourceIP = ip
        aggregator.consume(e)
    }

    public mutating func send(_ user: String, from ip: String, sender: String, to recipients: [String], bounced: Int = 0) {
        time = time.adding(seconds: 30)
        var e = LogEvent(.messageAccepted, time: time, format: .postfix)
        e.user = user
        e.sourceIP = ip
        e.from = sender
        e.to = recipients
        aggregator.consume(e)
        for (index, recipient) in recipients.enumerated() {
            var d = LogEvent(.delivery, time: time, format: .postfix)
            d.user = user
            d.to = [recipient]
            d.status = index < bounced ? "bounced" : "sent"
            d.localDelivery = recipient.hasSuffix("@corp.example")
            aggregator.consume(d)
            if index < bounced {
                var n = LogEvent(.ndr, time: time, format: .postfix)
                n.user = user
                aggregator.consume(n)
            }
        }
    }

    /// A spam run through `user` from `bots` addresses: enough signals to be compromised.
    public mutating func spamRun(_ user: String, bots: Int = 30) {
        for bot in 0..<bots {
            let ip = "203.0.\(bot).9"
            login(user, from: ip, after: 20)
            send(user, from: ip, sender: "billing@bank\(bot).example", to: (0..<20).map { "r\($0)@d\(bot)x\($0).example" }, bounced: 5)
        }
    }

    public func analyze(_ policy: AuditPolicy = RuleHarness.policy) -> LogAnalysis { LogAnalyzer.analyze(aggregator, policy: policy) }
}
