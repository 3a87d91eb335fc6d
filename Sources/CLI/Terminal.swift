import CFileSystem
import Foundation

/// Output helpers: progress only on a terminal, errors on standard error.
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A line on standard output, written at once (`print` buffers when the output is a pipe,
    /// and a server's lines must show as they happen).
    static func printNow(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    static func printError(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// A question on standard output, the answer typed after it on the same line.
    static func printPrompt(_ text: String) {
        fflush(nil) // what `print` left in C's buffer goes first
        write(text, to: STDOUT_FILENO)
    }

    /// A message or status line: a terminal that cannot take it (a closed or full standard error)
    /// is no reason to stop, and Foundation's `FileHandle.write(_:)` would trap on it.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            try? OutputSink.writeAll(UnsafeRawBufferPointer(bytes), to: descriptor, name: "")
        }
    }

    /// Called once at exit: lines printed with `print` sit in C's buffer of standard output until
    /// then, and a failure to write them (a full disk, a closed pipe) must not pass as success.
    static func checkStandardOutputAtExit() {
        atexit {
            if punchcard_flush_standard_output() != 0 {
                let reason = OutputSink.reason(errno)
                Terminal.printError("error: cannot write to standard output (\(reason))")
                _exit(EXIT_FAILURE)
            }
        }
    }

    /// Rewrites one status line on standard error; silent when it is not a terminal.
    static func status(_ text: String) {
        guard standardErrorIsTerminal else { return }
        write("\r\u{1B}[K\(text)", to: STDERR_FILENO)
    }

    static func clearStatus() {
        guard standardErrorIsTerminal else { return }
        write("\r\u{1B}[K", to: STDERR_FILENO)
    }
}

/// Reports a failure the way the operator should see it, then exits non-zero.
struct ReportedFailure: Error, CustomStringConvertible {
    let description: String
}
