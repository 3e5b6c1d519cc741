public import ArgumentParser
import Foundation
import Policy
import RelayAuditCore
import Reports

/// Options every reporting command shares: format, destination, failure threshold, policy,
/// and the moment the audit is measured from.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Report format: text, json, markdown, html.",
        discussion: "Default: text on a terminal, json otherwise (or the format -o's file extension names)."))
    var output: OutputFormat?

    @Option(name: [.customShort("o"), .customLong("output-file")], help: ArgumentHelp(
        "Write the report to FILE (created with mode 0600: it names accounts) instead of stdout.", valueName: "FILE"))
    var outputFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Exit with status 1 when a finding is at or above this severity: critical, high, medium, low, info.", valueName: "SEVERITY"))
    var failOn: Severity = .critical

    @Option(name: .long, help: ArgumentHelp(
        "A policy YAML file laid over the built-in default (Policies/default.yaml); only the keys it sets change.", valueName: "FILE"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp(
        "Measure ages from this moment instead of now (e.g. 2026-11-29 or 2026-11-29T06:00:00Z): reproduce an audit or judge an export as of the day it was taken.",
        valueName: "TIME"))
    var asOf: String?

    mutating func validate() throws {
        if let asOf, CivilTime.parseISO8601(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date: write 2026-11-29 or 2026-11-29T06:00:00Z")
        }
    }

    var asOfDate: Date { asOf.flatMap(CivilTime.parseISO8601) ?? Date() }

    func loadPolicy() throws(RelayAuditError) -> AuditPolicy {
        if let policy { return try PolicyLoader.load(path: policy) }
        return try PolicyLoader.loadDefault()
    }

    /// The format to write: --output, else the file extension of -o, else text on a terminal and JSON otherwise.
    var effectiveFormat: OutputFormat {
        if let output { return output }
        if let outputFile { return OutputFormat.forFileName(outputFile) ?? .text }
        return Console.isTerminal(1) ? .text : .json
    }

    /// Renders and writes the report, then exits 1 if findings reach --fail-on.
    func deliver(_ report: AuditReport) throws {
        let format = effectiveFormat
        let color = format == .text && outputFile == nil && Console.wantsColor(1)
        let text = format.renderer(color: color).render(report)
        if let outputFile {
            try ReportWriter.write(text, to: outputFile)
            Console.write(stderr: "relay-audit: wrote \(format.rawValue) report to \(TerminalText.sanitize(outputFile))\n")
        } else {
            print(text, terminator: "")
        }
        if report.count(atLeast: failOn) > 0 { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
