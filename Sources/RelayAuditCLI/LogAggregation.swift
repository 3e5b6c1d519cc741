import LogAnalysis
import MailLogs
import RelayAuditCore

/// Reads the logs into an aggregate: parsing on this thread and aggregating on a second one
/// (`--jobs 2`, the default), or both on this thread (`--jobs 1`). The results are identical.
enum LogAggregation {
    static func read(_ files: [String], options: LogReadOptions, jobs: Int) throws(RelayAuditError) -> (LogInputSummary, ActivityAggregator) {
        let progress = ProgressLine.forStandardError()
        var options = options
        options.readAhead = jobs > 1
        if jobs <= 1 {
            var aggregator = ActivityAggregator()
            let input = try MailLogReader.read(files, options: options, into: &aggregator, progress: progress)
            return (input, aggregator)
        }
        var pipeline = PipelinedAggregator()
        let input = try MailLogReader.read(files, options: options, into: &pipeline, progress: progress)
        return (input, pipeline.finish())
    }
}
