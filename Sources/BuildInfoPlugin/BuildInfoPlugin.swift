import Foundation
import PackagePlugin

/// Names the commit the binary is built from (`BuildInfo.commit`, for `--version`).
///
/// Why a plugin and not the manifest's `Context.gitInformation`: SwiftPM caches the evaluated
/// manifest by its text and environment, not by the checkout's state, so a commit read there
/// goes stale (a fresh clone at a new commit printed the previous one). The command's inputs are
/// git's HEAD, the branch's ref and packed-refs: it runs again whenever the checkout moves.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        var gitDirectory = package.appending(path: ".git")
        // A worktree or submodule: `.git` is a file naming the real directory.
        if let pointer = try? String(contentsOf: gitDirectory, encoding: .utf8), pointer.hasPrefix("gitdir: ") {
            let path = pointer.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        var inputs: [URL] = []
        let head = gitDirectory.appending(path: "HEAD")
        if FileManager.default.fileExists(atPath: head.path) {
            inputs.append(head)
            if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
                let ref = gitDirectory.appending(path: text.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines))
                if FileManager.default.fileExists(atPath: ref.path) { inputs.append(ref) }
            }
            let packed = gitDirectory.appending(path: "packed-refs")
            if FileManager.default.fileExists(atPath: packed.path) { inputs.append(packed) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [
            .buildCommand(
                displayName: "Naming the commit \(target.name) is built from",
                executable: try context.tool(named: "build-info-writer").url,
                arguments: [output.path, gitDirectory.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
