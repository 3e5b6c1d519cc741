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
