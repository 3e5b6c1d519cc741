import Foundation

/// Reads a `relay-audit … --output json` report the way a script would.
public struct ReportJSON {
    public let root: [String: Any]

    public init(_ result: CommandResult) throws {
        root = try result.json()
    }

    public var accounts: [[String: Any]] { root["accounts"] as? [[String: Any]] ?? [] }
    public var findings: [[String: Any]] { root["findings"] as? [[String: Any]] ?? [] }
    public var directory: [String: Any] { root["directory"] as? [String: Any] ?? [:] }

    /// Rule ids per account name (account findings only).
    public var rulesByAccount: [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for finding in findings {
            guard let account = finding["account"] as? String, let rule = finding["rule"] as? String else { continue }
            result[account, default: []].insert(rule)
        }
        return result
    }

    /// How the account findings differ from a fixture's expectations: every expected account
    /// has exactly its rules, every clean account was read and has none, and no other account
    /// has any. Empty when they match; each line names the account.
    public func findingMismatches(expected: [String: Set<String>], clean: [String]) -> [String] {
        let found = rulesByAccount
        var problems: [String] = []
        for (account, rules) in expected.sorted(by: { $0.key < $1.key }) where found[account] ?? [] != rules {
            problems.append("\(account): \((found[account] ?? []).sorted()) instead of \(rules.sorted())")
        }
        for account in clean {
            if self.account(account) == nil { problems.append("\(account) was not read") }
            if let rules = found[account] { problems.append("\(account) should be clean, has \(rules.sorted())") }
        }
        for account in Set(found.keys).subtracting(expected.keys).subtracting(clean).sorted() {
            problems.append("\(account) has findings the fixture did not set up: \(found[account]!.sorted())")
        }
        return problems
    }

    public func directoryFindings(_ rule: String) -> [[String: Any]] {
        findings.filter { $0["account"] is NSNull && $0["rule"] as? String == rule }
    }

    public func account(_ name: String) -> [String: Any]? {
        accounts.first { $0["name"] as? String == name }
    }

    /// The first line where two JSON reports differ, ignoring the lines that legitimately
    /// differ between two reads of one directory (its source URL, the run's time); nil if equal.
    ///
    /// `ignoringAccounts` (login names) leaves accounts out: the identities the tests bind as,
    /// whose lastLogon each bind moves (another test's bind may land between two reads).
    public static func firstDifference(_ a: String, _ b: String, ignoringAccounts names: [String] = []) -> String? {
        let ignored = Set(names.map { $0.lowercased() })
        func lines(_ text: String) -> [Substring] {
            var text = text
            if !ignored.isEmpty, let data = text.data(using: .utf8),
               var root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
                root["accounts"] = (root["accounts"] as? [[String: Any]])?.filter { !ignored.contains(($0["name"] as? String)?.lowercased() ?? "") }
                root["findings"] = (root["findings"] as? [[String: Any]])?.filter { !ignored.contains(($0["account"] as? String)?.lowercased() ?? "") }
                if let out = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys]) {
                    text = String(decoding: out, as: UTF8.self)
                }
            }
            return text.split(separator: "\n").filter { line in
                let key = line.drop { $0 == " " }
                return !key.hasPrefix("\"source\"") && !key.hasPrefix("\"as_of\"")
            }
        }
        let left = lines(a), right = lines(b)
        for (index, pair) in zip(left, right).enumerated() where pair.0 != pair.1 {
            return "line \(index + 1): \(pair.0) ≠ \(pair.1)"
        }
        return left.count == right.count ? nil : "\(left.count) lines ≠ \(right.count) lines"
    }

}
