import Advisor
import Checker
import LogAnalysis
import Foundation
import RelayAuditCore

/// The JSON objects `relay-audit audit` adds: the incident's start and the verdicts.
enum AuditJSON {
    static func verdict(_ v: AuditVerdict) -> JSONValue {
        .object([
            ("account", .string(v.account)),
            ("id", .optional(v.dn)),
            ("verdict", .string(v.verdict.rawValue)),
            ("password_reset_after_abuse", .optional(v.passwordResetAfterAbuse)),
            ("evidence", .array(v.evidence.map(EvidenceJSON.value))),
            ("log_user", .optional(v.logUser)),
        ])
    }

    static func timeline(_ t: IncidentTimeline) -> JSONValue {
        func time(_ value: Instant?) -> JSONValue { .optional(value?.iso8601) }
        return .object([("start", time(t.start)), ("first_abusive_auth", time(t.firstAbusiveAuth)), ("first_attack", time(t.firstAttack))])
    }
}

extension AuditJSON {
    static func step(_ s: PlanStep) -> JSONValue {
        .object([
            ("phase", .string(s.phase.rawValue)),
            ("order", .int(s.order)),
            ("title", .string(s.title)),
            ("why", .string(s.why)),
            ("accounts", .strings(s.accounts)),
            ("commands", .array(s.commands.map {
                .object([("target", .string($0.target.rawValue)), ("text", .string($0.text)), ("language", .string($0.language.rawValue))])
            })),
            ("action", .string(s.action.rawValue)),
        ])
    }
}
