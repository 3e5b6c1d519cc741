// libFuzzer target: any bytes as an LDIF export, through the LDIF parser, kind detection, the
// account mapping, privilege resolution, the hygiene rules and the reports.
import Directory
import Foundation
import FuzzSupport
import Policy
import RelayAuditCore
import Reports

let policy = try! PolicyLoader.loadDefault()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var parser = LDIFParser(file: "fuzz.ldif")
    var entries: [DirectoryEntry] = []
    var start = 0
    var number = 1
    while start <= input.count {
        var end = start
        while end < input.count, input[end] != 0x0A { end += 1 }
        if let entry = parser.feed(line: Array(input[start..<end])[...], number: number) { entries.append(entry) }
        number += 1
        start = end + 1
    }
    if let entry = parser.finish() { entries.append(entry) }
    let asOf = Instant(seconds: 1_795_000_000)
    var builder = DirectorySnapshotBuilder(kind: DirectoryKindDetector.detect(entries: entries), source: "fuzz", asOf: asOf,
                                           privilegedGroupNames: policy.directory.privilegedGroups)
    for entry in entries { builder.add(entry) }
    let snapshot = builder.finish()
    let findings = DirectoryAuditor.findings(for: snapshot, policy: policy, asOf: asOf)
    let report = AuditReport(asOf: asOf, policySource: "fuzz", toolVersion: "fuzz", directory: DirectorySection(snapshot: snapshot, findings: findings))
    _ = TextRenderer(color: false).render(report)
    _ = JSONRenderer().render(report)
    return 0
}

@_cdecl("FuzzLDIF_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
