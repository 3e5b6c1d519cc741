import Foundation
public import LogAnalysis
public import MailLogs
public import RelayAuditCore

/// Reads the logs into an aggregate with `--jobs` threads; the results are identical whatever
/// the number:
/// - 1: reading, parsing and aggregating on this thread;
/// - 2: parsing here, aggregating on a second thread, large or .gz files read ahead on a third
///   (the fastest layout on two cores: both stay busy);
/// - 3 or more: in addition, blocks of whole lines are decoded (syslog header, time, fields,
///   Strings) on `jobs - 2` threads, and this thread only does the joins in input order.
public enum LogAggregation {
    /// This machine's cores, at most 6: decoding is about 17% of a one-thread run, while the
    /// joins (13%) and the aggregate (28%) stay one thread each, so beyond four decoding
    /// threads more would only add memory (a block window and a malloc arena each).
    /// An explicit `--jobs` is taken as given.
    public static var defaultJobs: Int { min(6, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    public static func read(_ files: [String], options: LogReadOptions, jobs: Int,
                            progress: (any LogReadProgress)? = nil) throws(RelayAuditError) -> (LogInputSummary, ActivityAggregator) {
        var options = options
        options.readAhead = jobs > 1
        options.prepareWorkers = jobs > 2 ? jobs - 2 : 0
        if jobs <= 1 {
            var aggregator = ActivityAggregator()
            let input = try MailLogReader.read(files, options: options, into: &aggregator, progress: progress)
            return (input, aggregator)
        }
        var pipeline = PipelinedSink(ActivityAggregator())
        let input = try MailLogReader.read(files, options: options, into: &pipeline, progress: progress)
        return (input, pipeline.finish())
    }
}
