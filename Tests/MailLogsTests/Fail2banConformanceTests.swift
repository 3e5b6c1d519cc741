import Foundation
import MailLogs
import Testing
import LogTestSupport

/// fail2ban's real-world log samples (Debian package `fail2ban`), annotated line by line with
/// `# failJSON: { "match": true, "host": … }`: a peer's test suite held against our readers.
///
/// Every line fail2ban counts as an AUTH failure must yield exactly one `auth-failure` event
/// with that `source.ip`; every other annotated line must yield none. Which annotated lines
/// are AUTH failures follows fail2ban's own filters: for `postfix`, the sections tested in
/// `mode=auth`, plus the AUTH lines its aggressive mode adds (`aggressiveAuth`); for `dovecot`, the default mode (its aggressive-only section is connection
/// noise); for `exim`, the lines its filter matches for AUTH (authenticator failures and AUTH
/// protocol errors) among its RCPT/verification rejects; `sendmail-auth` entirely; for
/// `courier-smtp`, the 535 replies among its 550 recipient rejects.
@Suite(.enabled(if: LogFixtures.fail2banAvailable, .init(rawValue: LogFixtures.fail2banMissing)))
struct Fail2banConformanceTests {
    @Test(arguments: ["postfix", "exim", "sendmail-auth", "dovecot", "courier-smtp"])
    func everyAnnotatedAuthFailureYieldsOneEventWithItsAddress(_ file: String) throws {
        let cases = try Fail2banSamples.cases(file)
        #expect(cases.count >= 8, "the sample file \(file) was read")
        var authCases = 0
        for sample in cases {
            let failures = LogHarness.parse(sample.line, year: 2005).events.filter { $0.action == .authFailure }
            if sample.isAuthFailure {
                authCases += 1
                #expect(failures.count == 1, "\(file):\(sample.lineNumber) should yield one auth-failure: \(sample.line)")
                #expect(failures.first?.sourceIP == sample.host, "\(file):\(sample.lineNumber) source.ip")
            } else {
                #expect(failures.isEmpty, "\(file):\(sample.lineNumber) is not an AUTH failure for fail2ban: \(sample.line)")
            }
        }
        #expect(authCases > 0)
    }
}

/// Reads fail2ban's annotated samples.
enum Fail2banSamples {
    static let directory = LogFixtures.fail2banDirectory

    struct Case {
        var line: String
        var lineNumber: Int
        var host: String?
        var isAuthFailure: Bool
    }

    static func cases(_ file: String) throws -> [Case] {
        let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
        var result: [Case] = []
        var modes: [String] = []
        var pending: (match: Bool, host: String?)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("# filterOptions:") {
                modes = line.components(separatedBy: "\"mode\": \"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
                if line.contains("{}") { modes.append("normal") }
                continue
            }
            if let range = line.range(of: "failJSON:") {
                let json = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
                pending = ((object?["match"] as? Bool) ?? false, object?["host"] as? String)
                continue
            }
            guard let annotation = pending, !line.hasPrefix("#"), !line.isEmpty else { continue }
            pending = nil
            // The same line annotated "not aggressive" under mode=auth, when relay-audit counts
            // it as its aggressive mode does (see `aggressiveAuth`): left out, its twin counts.
            if file == "postfix", !annotation.match, aggressiveAuth(line) { continue }
            result.append(Case(line: line, lineNumber: index + 1, host: annotation.host,
                               isAuthFailure: annotation.match && isAuth(file, line: line, modes: modes)))
        }
        return result
    }

    /// What fail2ban's postfix filter counts only in aggressive (or ddos) mode and relay-audit
    /// counts as AUTH failures: a client's AUTH with a mechanism the server does not offer (a
    /// scanner's attempt), and a `disconnect from … auth=S/T` with T > S (its failures, when no
    /// `SASL … authentication failed` line of the connection counted them).
    static func aggressiveAuth(_ line: String) -> Bool {
        if line.contains("authentication failed: Invalid authentication mechanism") { return true }
        guard line.contains(" disconnect from "), let range = line.range(of: " auth=") else { return false }
        let field = line[range.upperBound...].prefix { $0 != " " }.split(separator: "/")
        return field.count == 2 && (Int(field[1]) ?? 0) > (Int(field[0]) ?? 0)
    }

    /// Whether fail2ban's filter for `file` counts this matched line as an AUTH failure.
    static func isAuth(_ file: String, line: String, modes: [String]) -> Bool {
        switch file {
        case "postfix": return modes.contains("auth") || aggressiveAuth(line)
        case "dovecot": return modes.isEmpty || modes.contains("normal")
        case "exim":
            let lower = line.lowercased()
            return line.contains(" authenticator failed for ") || lower.contains("protocol error in \"auth")
                || lower.contains("(last command was \"auth")
        case "courier-smtp": return line.contains("msg=\"535 ")
        default: return true
        }
    }
}
