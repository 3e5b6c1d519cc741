import Foundation
import PackagePlugin

/// Generates `EmbeddedPolicies.swift` from every file in the package's `Policies/` folder.
///
/// The default policy and the command templates are data an admin edits; embedding them at
/// build time keeps `Policies/` the single source while the installed binary stays self-contained.
@main
struct EmbedPolicies: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let policies = context.package.directoryURL.appending(path: "Policies")
        let files = try FileManager.default.contentsOfDirectory(
            at: policies, includingPropertiesForKeys: nil
        )
        .filter { ["yaml", "yml", "json"].contains($0.pathExtension) }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPolicies.swift")
        return [
            .buildCommand(
                displayName: "Embedding Policies/ into \(target.name)",
                executable: try context.tool(named: "policy-embedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
