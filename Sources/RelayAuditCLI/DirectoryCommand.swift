import ArgumentParser
import Directory
import Pipeline
import Policy
import RelayAuditCore
import Reports

/// `relay-audit directory`: the weak accounts of a directory.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Audit a directory's accounts: Guest, stale, weak, never-expiring, privileged.",
        discussion: """
            Reads a live directory (--ldap) or an LDIF export (--ldif), maps every account into one \
            model whatever the product, and applies the hygiene rules with the thresholds of the \
            policy (Policies/default.yaml, or --policy FILE). Guest, Administrator and krbtgt are \
            found by RID whatever their names; an account whose state cannot be read is \
            "unknown", never "enabled".

            Examples:
              relay-audit directory --ldif corp.ldif
              relay-audit directory --ldap ldaps://dc1.corp.example --bind-dn 'auditor@corp.example' \\
                  --password-file ~/.auditor.pw --ca-file corp-ca.pem
              relay-audit directory --ldap ldap://ldap.example.org --starttls \\
                  --bind-dn cn=auditor,dc=example,dc=org --password-env AUDIT_PW -o report.html

            Rules: \(DirectoryRules.all.map(\.id.rawValue).joined(separator: ", ")).
            """
    )

    @OptionGroup(title: "Directory") var source: DirectorySourceOptions
    @OptionGroup(title: "Report") var report: ReportOptions

    func validate() throws {
        if source.ldap == nil, source.ldif == nil, LDAPDefaultsProbe.uri == nil {
            throw ValidationError("give --ldap URL (or set LDAPURI) or --ldif FILE")
        }
    }

    func run() throws {
        let policy = try report.loadPolicy()
        let pipeline = AuditPipeline(policy: policy, asOf: report.asOfInstant, toolVersion: RelayAudit.version)
        let snapshot = try source.readSnapshot(asOf: pipeline.asOf, privilegedGroupNames: policy.directory.privilegedGroups)
        try report.deliver(pipeline.directory(snapshot))
    }
}
