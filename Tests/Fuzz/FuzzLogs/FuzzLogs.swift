// libFuzzer target: any bytes as a mail log, through the reader's pure core, the aggregation,
// the analysis and the text and JSON reports. The first byte picks how the file is read:
// auto (the Microsoft header sniffer, then syslog routing by daemon) or one of the Microsoft
// formats. Built by Tests/Fuzz/run-fuzzers.sh only.
//
// Syslog input is also read from a file by the one-thread reader and by the parallel one
// (blocks of 16 to 2,056 bytes decoded on two threads): any difference in events or counts is
// a crash, so the fuzzer looks for inputs on which the two paths disagree.
import Foundation
import FuzzSupport
import LogAnalysis
import MailLogs
import Policy
import RelayAuditCore
import Reports

let policy = try! PolicyLoader.loadDefault()
let formats: [LogFormat?] = [nil, .exchangeProtocol, .exchangeTracking, .iisSMTP, .m365Trace, .windowsXML, .sambaAudit]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let format = size > 0 ? formats[Int(input[0]) % formats.count] : nil
    let body = size > 0 ? UnsafeRawBufferPointer(rebasing: input[1...]) : input
    let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
    var stream = LogStream(format: nil, clock: clock)
    var detected = format
    if detected == nil {
        var sniffer = FileFormatSniffer()
        var start = 0
        while start < body.count, !sniffer.decided {
            var end = start
            while end < body.count, body[end] != 0x0A { end += 1 }
            sniffer.examine(ByteLine(UnsafeRawBufferPointer(rebasing: body[start..<end])))
            start = end + 1
        }
        detected = sniffer.format
    }
    if let detected { stream.startFile(clock: clock, format: detected) }
    var aggregator = ActivityAggregator()
    var start = 0
    var lines = 0
    while start <= body.count {
        var end = start
        while end < body.count, body[end] != 0x0A { end += 1 }
        _ = stream.feed(ByteLine(UnsafeRawBufferPointer(rebasing: body[start..<end])), fileIndex: 0, offset: Int64(start), into: &aggregator)
        lines += 1
        start = end + 1
    }
    stream.finish(into: &aggregator)
    if detected == nil, size > 1 { compareParallelReader(body, chunk: 16 + Int(input[0]) * 8) }
    let analysis = LogAnalyzer.analyze(aggregator, policy: policy)
    var summary = LogInputSummary()
    summary.lines = lines
    let report = AuditReport(asOf: Instant(seconds: 1_795_000_000), policySource: "fuzz", toolVersion: "fuzz",
                             logs: LogsSection(input: summary, analysis: analysis))
    _ = TextRenderer(color: false).render(report)
    _ = JSONRenderer().render(report)
    return 0
}

let scratch = NSTemporaryDirectory() + "relay-audit-fuzzlogs-\(getpid()).log"

func compareParallelReader(_ body: UnsafeRawBufferPointer, chunk: Int) {
    FileManager.default.createFile(atPath: scratch, contents: Data(body))
    var options = LogReadOptions(year: 2026, timeZone: TimeZone(identifier: "UTC")!, now: Instant(seconds: 1_795_000_000))
    options.chunkSize = chunk
    var sequential = EventCollector()
    let one = try? MailLogReader.read([scratch], options: options, into: &sequential)
    options.prepareWorkers = 2
    var parallel = EventCollector()
    let two = try? MailLogReader.read([scratch], options: options, into: &parallel)
    if one != two || sequential.events != parallel.events {
        fatalError("the parallel reader differs from the one-thread reader (\(sequential.events.count) vs \(parallel.events.count) events)")
    }
}

@_cdecl("FuzzLogs_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
