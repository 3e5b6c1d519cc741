import Advisor

/// A step's commands for one target, as one pasteable script.
///
/// LDIF records must be separated by a blank line, or `ldapmodify` reads the second record's
/// `dn:` as an attribute of the first; shell and PowerShell commands go one per line.
struct CommandGroup {
    let target: CommandTarget
    let commands: [PlanCommand]

    var separator: String { commands.first?.language == .ldif ? "\n\n" : "\n" }

    /// The first `limit` commands (all when nil) joined into one script.
    func script(limit: Int? = nil) -> String {
        commands.prefix(limit ?? commands.count).map(\.text).joined(separator: separator)
    }
}

extension PlanStep {
    /// Commands grouped by target, targets in the order they first appear.
    var commandGroups: [CommandGroup] {
        var order: [CommandTarget] = []
        for command in commands where !order.contains(command.target) { order.append(command.target) }
        return order.map { target in CommandGroup(target: target, commands: commands.filter { $0.target == target }) }
    }
}
