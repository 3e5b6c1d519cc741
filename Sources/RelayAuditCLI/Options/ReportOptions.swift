public import ArgumentParser
import Foundation
import Policy
import RelayAuditCore
import Reports

/// Options every reporting command shares: format, destination, failure threshold, policy,
/// and the moment the audit is measured from.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Report format: text, json, markdown, html, csv.",
        discussion: "Default: text on a terminal, json otherwise (or the format -o's file extension names)."))
    var output: OutputFormat?

    @Option(name: [.customShort("o"), .customLong("output-file")], help: ArgumentHelp(
        "Write the report to FILE instead of stdout; repeat to write several formats at once.",
        discussion: "Each file's format comes from its extension (.txt, .json, .md, .html, .csv), else from --output. '-' is stdout, in the --output format. Files are created with mode 0600: they name accounts and addresses.",
        valueName: "FILE"))
    var outputFiles: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Exit with status 1 when a finding is at or above this severity: critical, high, medium, low, info.", valueName: "SEVERITY"))
    var failOn: Severity = .critical

    @Option(name: .long, help: ArgumentHelp(
        "A policy YAML file laid over the built-in default (Policies/default.yaml); only the keys it sets change. Copies to start from: /usr/share/relay-audit/Policies/ when installed from the package (strict.yaml, exchange-2003.yaml).", valueName: "FILE"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp(
        "Measure ages from this moment instead of now (e.g. 2026-11-29 or 2026-11-29T06:00:00Z): reproduce an audit or judge an export as of the day it was taken.",
        valueName: "TIME"))
    var asOf: String?

    mutating func validate() throws {
        if let asOf, CivilTime.parseISO8601(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date: write 2026-11-29 or 2026-11-29T06:00:00Z")
        }
        // With '-o -' --output is stdout's format; without it, it must not contradict a file's.
        for file in outputFiles where file != "-" && !outputFiles.contains("-") {
            if let output, let implied = OutputFormat.forFileName(file), implied != output {
                throw ValidationError("--output \(output.rawValue) contradicts -o \(file), whose extension means \(implied.rawValue); drop one of them")
            }
        }
        if outputFiles.count(where: { $0 == "-" }) > 1 { throw ValidationError("-o - (stdout) can be given once") }
        let files = outputFiles.filter { $0 != "-" }
        if Set(files).count != files.count { throw ValidationError("the same -o file is named twice") }
    }

    /// `--as-of`, else this moment. Read once per run: every stage judges time against it.
    var asOfInstant: Instant { asOf.flatMap(CivilTime.parseISO8601) ?? .now }

    func loadPolicy() throws(RelayAuditError) -> AuditPolicy {
        if let policy { return try PolicyLoader.load(path: policy) }
        return try PolicyLoader.loadDefault()
    }

    /// The format for stdout: --output, else text on a terminal and JSON otherwise.
    var stdoutFormat: OutputFormat { output ?? (Console.isTerminal(1) ? .text : .json) }

    /// The format for a file: its extension, else --output, else text.
    func format(of file: String) -> OutputFormat { OutputFormat.forFileName(file) ?? output ?? .text }

    /// Renders and writes the report (stdout first, then each file, each named on stderr so the
    /// last thing printed points at what was written), then exits 1 if findings reach --fail-on.
    func deliver(_ report: AuditReport) throws {
        if outputFiles.isEmpty || outputFiles.contains("-") {
            let format = stdoutFormat
            // Checked writes: a full disk behind `> report.txt` is exit 3, not a silent empty file.
            var stdout = StandardOutputStream()
            try format.renderer(color: format == .text && Console.wantsColor(1)).write(report) { (piece: String) throws(RelayAuditError) in
                try stdout.write(text: piece)
            }
        }
        for file in outputFiles where file != "-" {
            let format = format(of: file)
            try ReportWriter.write(to: file) { piece throws(RelayAuditError) in try format.renderer(color: false).write(report, to: piece) }
            var note = "relay-audit: wrote \(format.rawValue) report to \(TerminalText.sanitize(file))"
            if format == .html { note += " (open it in a browser: \(TerminalText.sanitize(URL(fileURLWithPath: file).absoluteString)))" }
            Console.write(stderr: note + "\n")
        }
        if report.count(atLeast: failOn) > 0 { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
