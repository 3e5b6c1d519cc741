import Checker
import LogAnalysis
import RelayAuditCore

/// An evidence item as the JSON `verdicts[].evidence[]` writes it.
enum EvidenceJSON {
    static func value(_ item: EvidenceItem) -> JSONValue {
        switch item {
        case let .logSignal(signal):
            .object([("source", .string(item.source)), ("id", .string(item.id)), ("detail", .string(signal.detail)),
                     ("value", .double(signal.value)), ("threshold", .double(signal.threshold))])
        case let .directoryFinding(_, severity, message):
            .object([("source", .string(item.source)), ("id", .string(item.id)), ("severity", .string(severity.rawValue)),
                     ("detail", .string(message))])
        case let .correlation(_, severity, message, facts):
            .object([("source", .string(item.source)), ("id", .string(item.id)), ("severity", .string(severity.rawValue)),
                     ("detail", .string(message)), ("evidence", facts)])
        }
    }
}
