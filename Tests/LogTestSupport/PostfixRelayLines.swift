/// Postfix's lines for one message an authenticated client relays to ten outside domains, as a
/// spam run through a stolen login writes them (the shape of the sample incident's real lines):
/// the submission smtpd's `client=… sasl_username=`, qmgr's `from=`, ten `status=sent`
/// deliveries, qmgr's `removed`. Message `bot` of a run gets its own queue id, sender and
/// recipient domains.
public enum PostfixRelayLines {
    /// `stamps`: the syslog time of the smtpd line, the qmgr line, the deliveries and the
    /// removal (one stamp for all four is fine).
    public static func message(_ bot: Int, stamps: [String], host: String, queueID: String, client: String, login: String) -> [String] {
        let stamp = { (index: Int) in stamps[min(index, stamps.count - 1)] }
        var lines = [
            "\(stamp(0)) \(host) postfix/submission/smtpd[\(300 + bot)]: \(queueID): client=unknown[\(client)], sasl_method=LOGIN, sasl_username=\(login)",
            "\(stamp(1)) \(host) postfix/qmgr[50]: \(queueID): from=<billing\(bot)@bank\(bot).example>, size=900, nrcpt=10 (queue active)",
        ]
        for r in 0..<10 {
            lines.append("\(stamp(2)) \(host) postfix/smtp[60]: \(queueID): to=<v\(r)@d\(bot)x\(r).example>, relay=mx.example[192.0.2.9]:25, "
                + "delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 Ok)")
        }
        lines.append("\(stamp(3)) \(host) postfix/qmgr[50]: \(queueID): removed")
        return lines
    }
}
