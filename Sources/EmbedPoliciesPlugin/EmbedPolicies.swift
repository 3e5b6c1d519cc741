import Foundation
import PackagePlugin

/// Embeds data files into a module at build time, so the installed binary is self-contained
/// while the files stay the single source in the repository.
///
/// - `Policy`: every `.yaml`/`.json` file of the package's `Policies/` folder (the default policy
///   and the command templates, data an admin edits) becomes `EmbeddedPolicies`.
/// - any other target: the files of its `Sources/<name>/Schema/` folder (the JSON Schema of the reports)
///   become `EmbeddedFiles`.
@main
struct EmbedPolicies: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let isPolicy = target.name == "Policy"
        let folder = context.package.directoryURL.appending(path: isPolicy ? "Policies" : "Sources/\(target.name)/Schema")
        let enumName = isPolicy ? "EmbeddedPolicies" : "EmbeddedFiles"
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml", "json"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(folder.lastPathComponent)/ into \(target.name)",
                executable: try context.tool(named: "policy-embedder").url,
                arguments: [output.path, enumName] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
