import Foundation
import PunchcardSupport
#if canImport(Glibc)
import Glibc
#endif

/// A sendmail-compatible command (`sendmail -t -i`, `msmtp -t`, …): the message on its standard
/// input, recipients read from the headers (`-t`). The Unix convention every MTA and relay
/// client follows. Exit status 0 is "accepted"; anything else, or no answer within `timeout`
/// seconds, is a failed delivery with the command's own words.
public struct SendmailCommand: Sendable {
    public var command: String
    public var timeout: Double

    public static let standard = "sendmail -t -i"

    public init(_ command: String = Self.standard, timeout: Double = 60) {
        self.command = command
        self.timeout = timeout
    }

    public enum Outcome: Sendable, Equatable {
        case accepted
        /// What went wrong: the exit status or the timeout, and the command's first words.
        case failed(String)
    }

    /// Runs the command once with `message` on its standard input.
    public func send(_ message: [UInt8]) -> Outcome {
        // A command that exits without reading its input must not kill Punchcard with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failed("cannot run \(Diagnostic.quote(command)): \(error.localizedDescription)")
        }
        // What the command says, read as it says it (a full pipe would stop it), up to 4 KB kept.
        let said = Locked<[UInt8]>([])
        let readerDone = DispatchSemaphore(value: 0)
        Thread {
            let handle = output.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                said.withLock { if $0.count < 4096 { $0.append(contentsOf: chunk.prefix(4096 - $0.count)) } }
            }
            readerDone.signal()
        }.start()

        let descriptor = input.fileHandleForWriting.fileDescriptor
        message.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; break } // EPIPE: the command stopped reading
                offset += written
            }
        }
        try? input.fileHandleForWriting.close()

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL); finished.wait() }
            _ = readerDone.wait(timeout: .now() + 2)
            return .failed("no answer from \(Diagnostic.quote(command)) within \(Int(timeout)) s (stopped)")
        }
        _ = readerDone.wait(timeout: .now() + 2)
        let status = process.terminationStatus
        guard process.terminationReason != .exit || status != 0 else { return .accepted }
        let words = MailHeaders.sanitized(String(decoding: said.withLock { $0 }, as: UTF8.self))
        let how = process.terminationReason == .uncaughtSignal ? "was stopped by signal \(status)" : "exited with status \(status)"
        return .failed("\(Diagnostic.quote(command)) \(how)" + (words.isEmpty ? "" : ": " + (words.count > 200 ? words.prefix(200) + "…" : words)))
    }
}
