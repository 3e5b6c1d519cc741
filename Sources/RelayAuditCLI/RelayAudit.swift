import ArgumentParser

/// The root command.
struct RelayAudit: ParsableCommand {
    /// The release, as reports carry it (`tool.version`) and the Debian package is numbered.
    static let version = "0.1.0"

    /// What `--version` prints: the release and the commit it was built from, so an admin can
    /// say exactly which build wrote a report.
    static let versionLine = "\(version) (commit \(BuildInfo.commit))"

    static let configuration = CommandConfiguration(
        commandName: "relay-audit",
        abstract: "Audit a directory and mail logs after a mail server was used to relay spam through SMTP AUTH.",
        discussion: """
            A spammer who guesses a soft password (or uses an enabled Guest account) authenticates \
            with SMTP AUTH and relays as if they were staff. relay-audit reads the directory \
            (Active Directory, Samba AD, OpenLDAP, 389-ds, FreeIPA, or an LDIF export) and reports \
            the weak accounts: Guest enabled, old or never-expiring passwords, passwords not \
            required, reversible or cleartext storage, stale or recently created accounts, \
            privileged accounts with old passwords. With the mail logs (Postfix, Exim, Sendmail, \
            Dovecot, Courier, Exchange protocol and tracking logs, IIS SMTP W3C logs, Microsoft 365 \
            message traces) it says which accounts the spammer used and whether they are still \
            open, and writes an ordered lockdown plan (contain, eradicate, harden, recover) with \
            the commands for your directory and MTA.

            Start with: relay-audit audit --ldap ldaps://dc1.corp.example --bind-dn auditor@corp.example \
            --password-file /root/auditor.pw --logs /var/log/mail.log* -o - -o report.html

            It never writes to the directory. Passwords are read from a file, an environment \
            variable or a prompt, never from the command line.

            Thresholds, rule severities and the plan's command templates are data: the defaults \
            are built in, and the files they come from are in /usr/share/relay-audit/Policies \
            (installed from the package) or Policies/ (the source tree): copy one, edit it and \
            pass it with --policy FILE (thresholds) or audit --commands FILE (templates).

            Exit status: 0 no findings at or above --fail-on; 1 findings at or above it; \
            2 usage or configuration error; 3 input error (unreadable file, LDAP failure).
            """,
        version: versionLine,
        subcommands: [AuditCommand.self, DirectoryCommand.self, LogsCommand.self, EventsCommand.self, SchemaCommand.self]
    )
}
