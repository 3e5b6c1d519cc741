import ArgumentParser
import Pipeline
import RelayAuditCore
import Reports

/// `relay-audit logs`: which accounts were used to relay spam, and from where.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Find the accounts abused through SMTP AUTH, and the addresses attacking them, in mail logs.",
        discussion: """
            Aggregates the events of the logs per authenticated account and per client address, and \
            scores each account with signals whose thresholds and weights are in the policy \
            (Policies/default.yaml, section logs and signals): many client addresses or networks \
            per day, message and recipient bursts (absolute and against the account's own usual \
            rate), mail to many outside domains, forged envelope senders, NDR backscatter, a source \
            that failed many times or tried many usernames and then got in, logins like guest or \
            admin. Verdicts: compromised / suspicious / clean per account, attacker / suspicious / \
            clean per address.

            Examples:
              relay-audit logs /var/log/mail.log.2.gz /var/log/mail.log.1 /var/log/mail.log
              relay-audit logs --output json /var/log/exim4/mainlog > logs.json
            """
    )

    @OptionGroup var logs: LogOptions
    @OptionGroup(title: "Report") var report: ReportOptions

    func run() throws {
        let pipeline = AuditPipeline(policy: try report.loadPolicy(), asOf: report.asOfInstant, toolVersion: RelayAudit.version)
        try report.deliver(pipeline.logs(logs.input(progress: ProgressLine.forStandardError())))
    }
}
