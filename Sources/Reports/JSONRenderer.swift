import Directory
public import RelayAuditCore

/// `--output json`: the interface's documented shape, pretty-printed, keys in a fixed order.
public struct JSONRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        JSONWriter.render(document(report)) + "\n"
    }

    public func document(_ report: AuditReport) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let section = report.directory {
            let rules = section.rulesByAccount
            pairs.append(("directory", DirectoryJSON.directoryObject(section)))
            pairs.append(("accounts", .array(section.snapshot.accounts.map {
                DirectoryJSON.accountObject($0, asOf: report.asOf, rules: rules[$0.dn] ?? [])
            })))
            pairs.append(("findings", .array(section.findings.map(DirectoryJSON.findingObject))))
        }
        if let logs = report.logs {
            pairs += LogsJSON.object(logs)
        }
        pairs.append(("summary", summary(report)))
        pairs.append(("relay_audit", .object([
            ("version", .string(report.toolVersion)),
            ("as_of", .string(CivilTime.iso8601(report.asOf))),
            ("policy", .string(report.policySource)),
        ])))
        return .object(pairs)
    }

    func summary(_ report: AuditReport) -> JSONValue {
        .object(Severity.allCases.reversed().map { severity in
            (severity.rawValue, .int(report.findings.count { $0.severity == severity }))
        })
    }
}
