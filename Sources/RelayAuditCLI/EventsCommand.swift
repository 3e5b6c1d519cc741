import ArgumentParser
import MailLogs
import RelayAuditCore
import Reports

/// `relay-audit events`: the normalized events of mail logs as NDJSON, for a SIEM or for jq.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the SMTP AUTH and message events of mail logs as NDJSON (ECS field names).",
        discussion: """
            One JSON object per line: auth-success, auth-failure, message-accepted, delivery, ndr, \
            relay-denied, with @timestamp, event.action/outcome, source.ip, user.name, \
            email.from/to/local_id, log.file.path, log.offset and log.syslog.appname. Lines of a \
            message are tied together by the format's own key (Postfix queue id, Exim message id, \
            Sendmail pid → queue id); message-accepted is written when the message's last line \
            arrives. A summary of lines read and not understood goes to stderr.

            Examples:
              relay-audit events /var/log/mail.log.1 /var/log/mail.log | jq 'select(.event.action=="auth-success")'
              zcat mail.log.*.gz | relay-audit events - --year 2026 --timezone Europe/Berlin
            """
    )

    @OptionGroup var logs: LogOptions

    func run() throws {
        // The threads as for `logs`: with 2, lines are written on a second thread; with more,
        // blocks of lines are also decoded on N-2 threads. The output is the same.
        var options = logs.readOptions()
        options.readAhead = logs.jobs > 1
        options.prepareWorkers = logs.jobs > 2 ? logs.jobs - 2 : 0
        let summary: LogInputSummary
        var sink = NDJSONSink()
        if logs.jobs > 1 {
            var pipeline = PipelinedSink(sink)
            summary = try MailLogReader.read(logs.files, options: options, into: &pipeline, progress: ProgressLine.forStandardError())
            sink = pipeline.finish()
        } else {
            summary = try MailLogReader.read(logs.files, options: options, into: &sink, progress: ProgressLine.forStandardError())
        }
        try sink.finish()
        for warning in summary.warnings { Console.write(stderr: "relay-audit: warning: \(TerminalText.sanitize(warning))\n") }
        Console.write(stderr: "relay-audit: \(summary.lines) lines, \(summary.events) events, \(summary.unrecognizedLines) lines not understood\n")
    }
}

/// Writes each event as it arrives.
struct NDJSONSink: EventSink {
    var files: [String] = []
    var output = StandardOutputStream()
    var writer = EventNDJSONWriter()
    var line = ""
    var failure: RelayAuditError?

    mutating func begin(files: [String]) { self.files = files }

    mutating func consume(_ event: consuming LogEvent) {
        guard failure == nil else { return }
        line.removeAll(keepingCapacity: true)
        writer.append(event, files: files, to: &line)
        do { try output.write(line: line) } catch { failure = error }
    }

    mutating func finish() throws(RelayAuditError) {
        if let failure { throw failure }
        try output.flush()
    }
}
