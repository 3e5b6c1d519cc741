public import Directory
public import Foundation
import Policy
public import RelayAuditCore

/// Everything one run found, in the shape every renderer reads. Sections that a command did
/// not produce are nil (`relay-audit directory` has no mail-log section).
public struct AuditReport: Sendable {
    /// The moment ages were measured from.
    public var asOf: Date
    /// Where the policy came from ("built-in default" or a path).
    public var policySource: String
    public var toolVersion: String
    public var directory: DirectorySection?

    public init(asOf: Date, policySource: String, toolVersion: String, directory: DirectorySection? = nil) {
        self.asOf = asOf
        self.policySource = policySource
        self.toolVersion = toolVersion
        self.directory = directory
    }

    /// All findings of the report, most severe first.
    public var findings: [Finding] { directory?.findings ?? [] }

    /// Findings at or above `severity`.
    public func count(atLeast severity: Severity) -> Int { findings.count { $0.severity >= severity } }
}

/// The directory half of a report: the snapshot and the hygiene findings about it.
public struct DirectorySection: Sendable {
    public var snapshot: DirectorySnapshot
    public var findings: [Finding]

    public init(snapshot: DirectorySnapshot, findings: [Finding]) {
        self.snapshot = snapshot
        self.findings = findings
    }

    /// Rule ids found per account DN, in report order.
    public var rulesByAccount: [String: [String]] {
        var result: [String: [String]] = [:]
        for finding in findings {
            guard let id = finding.id else { continue }
            if !(result[id] ?? []).contains(finding.rule) { result[id, default: []].append(finding.rule) }
        }
        return result
    }
}
