import Foundation
import LogAnalysis
import MailLogs
import RelayAuditCore

/// The `logs` part of the terminal report: accounts ranked by score with the evidence that
/// convicts them, then the attacking sources.
extension TextRenderer {
    static let listedSources = 40

    func logsSection(_ section: LogsSection, _ report: AuditReport) -> [String] {
        let input = section.input, analysis = section.analysis
        var out: [String] = []
        out.append(bold("Mail logs: \(input.files.count) file(s) · \(input.lines) lines · \(input.events) events · \(input.unrecognizedLines) lines not understood"))
        let domains = analysis.ownDomains.isEmpty ? "none known" : analysis.ownDomains.prefix(8).map(safe).joined(separator: ", ")
        out.append("Own domains: \(domains)" + (analysis.ownDomainsInferred
            ? " (inferred from logins and local deliveries; set organization.domains in a policy file to be exact)" : ""))
        for warning in input.warnings { out.append(label(.critical) + "  " + safe(warning)) }
        out.append("")

        let accounts = analysis.accounts
        let flagged = accounts.filter { $0.verdict != .clean }
        let compromised = accounts.count { $0.verdict == .compromised }
        out.append(bold("ACCOUNTS: \(compromised) compromised, \(flagged.count - compromised) suspicious, \(accounts.count - flagged.count) clean"))
        for report in flagged {
            let verdict = report.verdict == .compromised ? label(.critical).replacingOccurrences(of: "CRITICAL", with: "COMPROMISED")
                : label(.medium).replacingOccurrences(of: "MEDIUM", with: "SUSPICIOUS")
            out.append("")
            out.append("\(verdict)  \(safe(report.user))  score \(String(format: "%.2f", report.score))")
            for signal in report.signals {
                out.append("  \(signal.id.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(safe(signal.detail))")
            }
            let a = report.activity
            out.append("  AUTH \(a.authSuccess) ok / \(a.authFailure) failed from \(a.distinctIPs) addresses · \(a.messages) messages"
                + " to \(a.recipients) recipients (\(report.facts.externalDomains) outside domains) · \(a.ndr) NDRs")
            out.append("  seen \(LogsJSONText.time(a.firstSeen)) → \(LogsJSONText.time(a.lastSeen))"
                + (a.identities.count > 1 ? " · logged as \(a.identities.sorted().map(safe).joined(separator: ", "))" : ""))
            let pairs = analysis.attribution.pairs(of: report.user)
            for label in [Attribution.Label.owner, .attacker] {
                let addresses = pairs.filter { $0.label == label }
                guard let first = addresses.first else { continue }
                let shown = addresses.prefix(5).map { safe($0.address) }.joined(separator: ", ") + (addresses.count > 5 ? ", …" : "")
                out.append("  \(label == .owner ? "owner's logins" : "attacker's logins"): \(addresses.count) address(es) (\(shown)); "
                    + safe(first.reason))
            }
        }
        if flagged.isEmpty { out.append("  no account looks abused") }

        if !analysis.campaigns.isEmpty {
            out.append("")
            out.append(bold("CAMPAIGNS: \(analysis.campaigns.count) password spray(s)"))
            for campaign in analysis.campaigns {
                let summary = CampaignSummary(campaign: campaign)
                out.append("")
                out.append(label(.high) + "  " + safe(summary.title))
                for line in [summary.size, summary.hits, summary.networks, summary.usernames] { out.append("  " + safe(line)) }
                for line in summary.entered { out.append("  " + label(.critical).replacingOccurrences(of: "CRITICAL", with: "GOT INTO") + " " + safe(line)) }
                if let line = summary.newNetworkLogins { out.append("  " + safe(line)) }
            }
        }
        if let line = CampaignSummary.failedUsernames(analysis.failedUsernames) {
            out.append("")
            out.append("FAILED USERNAMES: " + safe(line))
        }

        let attackers = analysis.sources.filter { $0.verdict != .clean }
        let attackerCount = attackers.count { $0.verdict == .attacker }
        out.append("")
        out.append(bold("SOURCES: \(attackerCount) attacking, \(attackers.count - attackerCount) suspicious, \(analysis.sources.count - attackers.count) clean"
            + (analysis.campaignMembersFolded > 0 ? ", \(analysis.campaignMembersFolded) more in the campaigns above" : "")))
        if !attackers.isEmpty {
            var table = TextTable(headers: ["ADDRESS", "VERDICT", "FAILED", "USERS TRIED", "AUTH OK", "ACCOUNTS", "EVIDENCE"],
                                  widths: [40, 10, 8, 11, 8, 30, 300])
            for source in attackers.prefix(Self.listedSources) {
                table.add([source.ip, source.verdict.rawValue, String(source.activity.authFailure), String(source.activity.usersTried),
                           String(source.activity.authSuccess), source.accounts.joined(separator: ","),
                           source.signals.map(\.detail).joined(separator: "; ")])
            }
            out.append(table.render())
            if attackers.count > Self.listedSources {
                out.append("  … and \(attackers.count - Self.listedSources) more (--output json lists every address)")
            }
        }
        // Clean, but with something to say: devices to fix, and the server's own addresses.
        for (id, heading) in [(SignalID.staleClient, "STALE CLIENTS (not attackers, not blocked: update or remove the device)"),
                              (SignalID.serverInfrastructure, "THE SERVER'S OWN ADDRESSES (never attackers, never blocked)")] {
            let listed = analysis.sources.filter { $0.verdict == .clean && $0.signals.contains { $0.id == id } }
            guard !listed.isEmpty else { continue }
            out.append("")
            out.append(heading)
            for source in listed.prefix(Self.listedSources) {
                let detail = source.signals.first { $0.id == id }?.detail ?? ""
                out.append("  \(safe(source.ip))  \(source.activity.authFailure) failed, \(source.activity.authSuccess) ok  \(safe(detail))")
            }
        }
        return out
    }
}

/// Time formatting shared by the log renderers.
enum LogsJSONText {
    static func time(_ value: Instant) -> String {
        value == .distantFuture || value == .distantPast ? "never" : value.iso8601
    }
}
