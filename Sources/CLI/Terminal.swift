import Foundation

/// Output helpers: progress only on a terminal, errors on standard error.
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A line on standard output, written at once (`print` buffers when the output is a pipe,
    /// and a server's lines must show as they happen).
    static func printNow(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Rewrites one status line on standard error; silent when it is not a terminal.
    static func status(_ text: String) {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    static func clearStatus() {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Reports a failure the way the operator should see it, then exits non-zero.
struct ReportedFailure: Error, CustomStringConvertible {
    let description: String
}
