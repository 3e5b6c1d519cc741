/// A message about a place in an input file, printed the way compilers print them:
/// `Policies/strict.yaml:12:5: error: unknown key 'treshold'; did you mean 'threshold'?`
///
/// Editors and CI log viewers turn that shape into a link to the line.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable { case error, warning, note }

    public var level: Level
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ level: Level, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.level = level
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = TerminalText.sanitize(file)
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(level.rawValue): \(message)"
    }
}
