import Advisor
import ArgumentParser
import MailLogs
import Pipeline
import Policy
import RelayAuditCore
import Reports

/// `relay-audit audit`: the directory and the mail logs together.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Join the directory with the mail logs: which accounts were abused, why they fell, whether they are still open.",
        discussion: """
            Reads the directory (--ldap or --ldif) and the mail logs (--logs FILE…), resolves every \
            SMTP AUTH identity to its directory account (login name, DOMAIN\\name, UPN, any mail or \
            proxy address), and applies the correlations: AUTH as Guest or as a disabled, expired, \
            locked or never-used account; compromised accounts whose password was not changed after \
            the abuse (still usable by the attacker); accounts created after the incident began \
            (persistence); why each compromised account fell; privileged accounts using SMTP AUTH; \
            accounts unused by both sources, or stale in the directory but busy in the logs; \
            identities not in the directory.

            Examples:
              relay-audit audit --ldif corp.ldif --logs /var/log/mail.log.1 /var/log/mail.log
              relay-audit audit --ldap ldaps://dc1.corp.example --bind-dn auditor@corp.example \\
                  --password-file ~/.auditor.pw --logs mail.log -o incident.html
            """
    )

    @OptionGroup(title: "Directory") var source: DirectorySourceOptions
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Mail log files (plain, .gz, or '-' for stdin).", valueName: "FILE"))
    var logs: [String] = []
    @Option(name: .customLong("security-logs"), parsing: .upToNextOption,
            help: ArgumentHelp("Windows Security event logs (.evtx, as 'wevtutil epl Security FILE.evtx' saves them) of the domain controllers and the Exchange server: account management and logons, read with the mail logs.", valueName: "FILE"))
    var securityLogs: [String] = []
    @Option(name: .long, help: ArgumentHelp("Log format: auto (each file by its header, each syslog line by its daemon), \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "NAME"))
    var format: String = "auto"
    @Option(name: .long, help: ArgumentHelp("Year for syslog timestamps that carry none.", valueName: "YYYY"))
    var year: Int?
    @Option(name: .long, help: ArgumentHelp("Zone of timestamps that carry none (default: this machine's).", valueName: "TZ"))
    var timezone: String?
    @Option(name: .long, help: ArgumentHelp("Threads for the logs (default: this machine's cores, at most 6): 1 does all on one thread, 2 parses and aggregates at once, 3 or more also decode blocks of lines in parallel.", valueName: "N"))
    var jobs: Int = LogAggregation.defaultJobs
    @Option(name: .long, help: ArgumentHelp("Command templates for the plan instead of the built-in Policies/commands.yaml.", valueName: "FILE"))
    var commands: String?
    @OptionGroup(title: "Report") var report: ReportOptions

    /// The log options shared with `relay-audit logs`.
    var logOptions: LogOptions {
        var options = LogOptions()
        options.files = logs + securityLogs
        options.format = format
        options.year = year
        options.timezone = timezone
        options.jobs = jobs
        return options
    }

    func validate() throws {
        if logs.isEmpty && securityLogs.isEmpty { throw ValidationError("give the mail logs with --logs FILE…") }
        if source.ldap == nil, source.ldif == nil, LDAPDefaultsProbe.uri == nil {
            throw ValidationError("give --ldap URL (or set LDAPURI) or --ldif FILE")
        }
        var options = logOptions
        try options.validate()
    }

    func run() throws {
        let policy = try report.loadPolicy()
        let pipeline = AuditPipeline(policy: policy, asOf: report.asOfInstant, toolVersion: RelayAudit.version)
        let templates = try commands.map { path throws(RelayAuditError) in try CommandTemplates.load(path: path) } ?? CommandTemplates.builtIn()
        let result = try pipeline.audit(logOptions.input(progress: ProgressLine.forStandardError()), directory: { () throws(RelayAuditError) in
            try source.readSnapshot(asOf: pipeline.asOf, privilegedGroupNames: policy.directory.privilegedGroups)
        }, templates: templates)
        try report.deliver(result)
    }
}
