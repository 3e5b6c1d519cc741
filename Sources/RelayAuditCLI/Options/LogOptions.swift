import ArgumentParser
import Foundation
import MailLogs
import Pipeline
import RelayAuditCore

/// The mail logs to read and how to read their timestamps.
struct LogOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Mail log files: plain, .gz, or '-' for stdin. Several files (a rotated set) are read in time order as one stream.",
        valueName: "FILE"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Log format: auto (each file by its header, each syslog line by its daemon), \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "NAME"))
    var format: String = "auto"

    @Option(name: .long, help: ArgumentHelp("Year for syslog timestamps that carry none (default: inferred from the file's date).", valueName: "YYYY"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("Zone of timestamps that carry none, e.g. Europe/Berlin or UTC (default: this machine's).", valueName: "TZ"))
    var timezone: String?

    @Option(name: .long, help: ArgumentHelp(
        "Threads (default: this machine's cores, at most 6). 1 does all on one thread; 2 parses on one while a second aggregates (logs, audit) "
            + "or writes (events), and reads large or .gz files ahead; 3 or more also decode blocks of lines on N-2 threads, joined in input order. "
            + "The output is identical whatever the number.",
        valueName: "N"))
    var jobs: Int = LogAggregation.defaultJobs

    mutating func validate() throws {
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be between 1 and 64") }
        if files.isEmpty { throw ValidationError("give at least one log file (or '-' for stdin)") }
        if format != "auto", LogFormat(rawValue: format) == nil {
            throw ValidationError("--format '\(format)' is not one of: auto, \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let year, !(1970...2200).contains(year) { throw ValidationError("--year \(year) is not a plausible year") }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not a time zone name (try UTC or Europe/Berlin)")
        }
    }

    func readOptions() -> LogReadOptions {
        LogReadOptions(format: LogFormat(rawValue: format), year: year, timeZone: timezone.flatMap(TimeZone.init(identifier:)) ?? .current)
    }

    /// The logs as the pipeline reads them (it sets the join window and `now` from the policy
    /// and `--as-of`).
    func input(progress: (any LogReadProgress)?) -> AuditPipeline.LogInput {
        AuditPipeline.LogInput(files: files, options: readOptions(), jobs: jobs, progress: progress)
    }
}
