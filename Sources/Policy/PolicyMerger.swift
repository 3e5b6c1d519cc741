import RelayAuditCore

/// Lays a user's policy file over the built-in default, checking every key and value.
///
/// The default policy is also the schema: a key the default does not have is unknown, and a
/// value must have the shape and type of the default's value (a whole number where the default
/// has one, `true`/`false` where it has a boolean, a severity under `severity`). Lists replace
/// the default list; mappings merge key by key.
struct PolicyMerger {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func merge(user: PolicyNode, onto base: PolicyNode, path: [String] = []) -> PolicyNode {
        switch (base, user) {
        case let (.map(basePairs, baseLocation), .map(userPairs, _)):
            var merged = basePairs
            for pair in userPairs {
                guard let index = merged.firstIndex(where: { $0.key == pair.key }) else {
                    reportUnknown(pair.key, at: pair.keyLocation, path: path, known: basePairs.map(\.key))
                    continue
                }
                merged[index].value = merge(user: pair.value, onto: merged[index].value, path: path + [pair.key])
            }
            return .map(merged, baseLocation)
        case let (.list(baseItems, _), .list(userItems, location)):
            let template = baseItems.first
            for item in userItems {
                guard case .scalar = item else {
                    error(at: item.location, "'\(dotted(path))' must be a list of single values, not of \(item.shapeName)s")
                    continue
                }
                if let template { checkScalar(item, like: template, path: path) }
            }
            return .list(userItems, location)
        case (.scalar, .scalar):
            checkScalar(user, like: base, path: path)
            return user
        default:
            error(at: user.location, "'\(dotted(path))' must be \(base.shapeName), not \(user.shapeName)")
            return base
        }
    }

    private mutating func checkScalar(_ node: PolicyNode, like template: PolicyNode, path: [String]) {
        guard case let .scalar(value, location) = node, case let .scalar(defaultValue, _) = template else { return }
        let key = dotted(path)
        if path.last == "verdict" {
            if !["attacker", "suspicious", "clean"].contains(value) {
                error(at: location, "'\(key)' must be attacker, suspicious or clean, not '\(value)'")
            }
        } else if path.last == "severity" {
            if Severity(rawValue: value) == nil {
                error(at: location, "'\(key)' must be one of \(Severity.allCases.reversed().map(\.rawValue).joined(separator: ", ")), not '\(value)'")
            }
        } else if path == ["version"] {
            if value != defaultValue {
                error(at: location, "this relay-audit reads policy version \(defaultValue), not '\(value)'")
            }
        } else if Int(defaultValue) == nil, Double(defaultValue) != nil {
            let isFraction = path.last == "weight" || (path.last ?? "").hasSuffix("_score")
            guard let number = Double(value), number >= 0, !isFraction || number <= 1 else {
                error(at: location, "'\(key)' must be a number\(isFraction ? " between 0 and 1" : " of 0 or more"), not '\(value)'")
                return
            }
        } else if Int(defaultValue) != nil {
            if Int(value).map({ $0 < 0 }) ?? true {
                error(at: location, "'\(key)' must be a whole number of 0 or more, not '\(value)'")
            }
        } else if Self.boolean(defaultValue) != nil, Self.boolean(value) == nil {
            error(at: location, "'\(key)' must be true or false, not '\(value)'")
        }
    }

    private mutating func reportUnknown(_ key: String, at location: PolicyNode.Location, path: [String], known: [String]) {
        let place = path.isEmpty ? "at the top level" : "in '\(dotted(path))'"
        var message = "unknown key '\(key)' \(place)"
        if let suggestion = KeySuggestion.closest(to: key, in: known) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; known keys: \(known.joined(separator: ", "))"
        }
        error(at: location, message)
    }

    private mutating func error(at location: PolicyNode.Location, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: location.line == 0 ? nil : location.line,
                                      column: location.column == 0 ? nil : location.column, message: message))
    }

    private func dotted(_ path: [String]) -> String { path.joined(separator: ".") }

    /// YAML 1.1 booleans as libyaml users write them.
    static func boolean(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }
}
