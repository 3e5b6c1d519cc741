import Advisor
import RelayAuditCore

/// The plan in the terminal report: phases in order, each step with why and its commands.
extension TextRenderer {
    /// Commands shown per step and target on the terminal; the JSON, Markdown and HTML reports
    /// carry all of them.
    static let commandsShown = 8

    func planSection(_ plan: [PlanStep]) -> [String] {
        guard !plan.isEmpty else { return [] }
        var out = [bold("LOCKDOWN PLAN (\(plan.count) steps)")]
        for phase in PlanPhase.allCases {
            let steps = plan.filter { $0.phase == phase }
            guard !steps.isEmpty else { continue }
            out.append("")
            out.append(bold(phase.rawValue.uppercased()))
            for step in steps {
                out.append("")
                out.append("\(step.order). \(safe(step.title))")
                out.append("   why: \(safe(step.why))")
                for group in step.commandGroups {
                    out.append("   [\(group.target)]")
                    for line in group.script(limit: Self.commandsShown).split(separator: "\n", omittingEmptySubsequences: false) {
                        let shown = safe(String(line))
                        // A template's own control characters are shown escaped, so this line is
                        // not the literal command: say where the exact one is.
                        out.append("     " + shown + (shown == line ? "" : "   ⚠ shown escaped; the exact text is in --output json"))
                    }
                    let commands = group.commands
                    if commands.count > Self.commandsShown {
                        out.append("     … \(commands.count - Self.commandsShown) more (--output markdown, html or json list them all)")
                    }
                }
            }
        }
        return out
    }
}
