import Checker
import Directory
public import RelayAuditCore

/// `--output json`: the interface's documented shape, pretty-printed, keys in a fixed order.
public struct JSONRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        JSONWriter.render(document(report)) + "\n"
    }

    public func write<E: Error>(_ report: AuditReport, to output: (String) throws(E) -> Void) throws(E) {
        try JSONWriter.stream(document(report), to: output)
        try output("\n")
    }

    public func document(_ report: AuditReport) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        let directory = report.directory.map { section -> [(String, JSONValue)] in
            let rules = section.rulesByAccount
            return [
                ("directory", DirectoryJSON.directoryObject(section)),
                ("accounts", .lazyArray(LazyJSONArray(section.snapshot.accounts) { [asOf = report.asOf] in
                    DirectoryJSON.accountObject($0, asOf: asOf, rules: rules[$0.dn] ?? [])
                })),
                ("findings", .lazyArray(LazyJSONArray(section.findings, DirectoryJSON.findingObject))),
            ]
        }
        let logs = report.logs.map(LogsJSON.object)
        if let checker = report.checker {
            // `audit`: the directory and logs objects side by side, then the join.
            pairs.append(("directory", .object(directory ?? [])))
            pairs.append(("logs", .object(logs ?? [])))
            pairs.append(("incident", AuditJSON.timeline(checker.timeline)))
            pairs.append(("verdicts", .array(checker.verdicts.map(AuditJSON.verdict))))
            pairs.append(("findings", .array(checker.findings.map(DirectoryJSON.findingObject))))
            pairs.append(("plan", .array(report.plan.map(AuditJSON.step))))
        } else {
            pairs += directory ?? []
            pairs += logs ?? []
        }
        pairs.append(("summary", summary(report)))
        pairs.append(("relay_audit", .object([
            ("version", .string(report.toolVersion)),
            ("as_of", .string(report.asOf.iso8601)),
            ("policy", .string(report.policySource)),
        ])))
        return .object(pairs)
    }

    func summary(_ report: AuditReport) -> JSONValue {
        .object(Severity.allCases.reversed().map { severity in
            (severity.rawValue, .int(report.findingCount(severity)))
        })
    }
}
