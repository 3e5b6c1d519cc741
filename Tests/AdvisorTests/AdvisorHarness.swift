import Advisor
import Directory
import LogAnalysis
import MailLogs
import TestSupport

/// Plans from example accounts and a scripted log, through the real checker.
enum AdvisorHarness {
    static func plan(_ accounts: [Account], _ script: LogScript, kind: DirectoryKind = .activeDirectory,
                     formats: Set<String> = ["postfix"], software: [ServerSoftware] = [], templates: CommandTemplates? = nil,
                     configure: (inout DirectorySnapshot) -> Void = { _ in },
                     adjust: (inout LogAnalysis) -> Void = { _ in }) throws -> [PlanStep] {
        let audit = CheckerHarness.audit(accounts, script, kind: kind, configure: configure)
        var analysis = audit.analysis
        adjust(&analysis)
        let input = AdvisorInput(snapshot: audit.snapshot, directoryFindings: audit.directoryFindings,
                                 analysis: analysis, checker: audit.checker, logFormats: formats, serverSoftware: software)
        return Advisor(templates: try templates ?? CommandTemplates.builtIn()).plan(input)
    }

    /// A spray that ends in `victim`'s account sending spam; `others` exist but were not used.
    static func incident(victim: String = "kiosk") -> LogScript {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 5))
        for name in ["admin", "test", victim, "info", "sales", "guest"] { script.fail(name, from: "192.0.2.66") }
        script.login(victim, from: "192.0.2.66")
        script.spamRun(victim)
        return script
    }

    static func step(_ action: String, _ plan: [PlanStep]) -> PlanStep? { plan.first { $0.action.rawValue == action } }
    static func steps(_ action: String, _ plan: [PlanStep]) -> [PlanStep] { plan.filter { $0.action.rawValue == action } }
}
