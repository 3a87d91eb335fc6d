import Foundation
import PackagePlugin

/// Stamps the `punchcard` binary with the commit it was built from (`punchcard --version`):
/// before every build, `git rev-parse` writes `BuildCommit.swift`, rewritten only when the commit
/// changes so that an unchanged tree recompiles nothing. Outside a git checkout (a source
/// tarball), `PUNCHCARD_COMMIT` in the environment names it, else it is "unknown".
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = #"""
            set -u
            mkdir -p "$2"
            commit="${PUNCHCARD_COMMIT:-}"
            if [ -z "$commit" ]; then
              commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
              if [ "$commit" != unknown ] && ! git -C "$1" diff --quiet HEAD -- Sources Package.swift 2>/dev/null; then
                commit="$commit+changes"
              fi
            fi
            commit=$(printf '%s' "$commit" | tr -cd 'A-Za-z0-9+._-')
            new="// Generated before every build by Plugins/BuildInfo. Do not edit.
            let buildCommit = \"$commit\"
            "
            if [ "$(cat "$2/BuildCommit.swift" 2>/dev/null)" != "$(printf '%s' "$new")" ]; then
              printf '%s' "$new" > "$2/BuildCommit.swift.tmp" && mv "$2/BuildCommit.swift.tmp" "$2/BuildCommit.swift"
            fi
            """#
        return [.prebuildCommand(
            displayName: "Stamping punchcard with its commit",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "build-info", context.package.directoryURL.path, output.path],
            outputFilesDirectory: output)]
    }
}
