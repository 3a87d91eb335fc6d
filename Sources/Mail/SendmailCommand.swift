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

    /// Runs the command once with `message` on its standard input, in a process group of its own
    /// (so that a timeout stops the command and anything it started).
    public func send(_ message: [UInt8]) -> Outcome {
        // A command that exits without reading its input must not kill Punchcard with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return .failed("cannot run \(Diagnostic.quote(command)): no pipe") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            return .failed("cannot run \(Diagnostic.quote(command)): no pipe")
        }
        // Only the command's standard input and output are its own: no other process inherits them.
        for descriptor in input + output { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, output[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(input[0]); close(output[1])
        guard spawned == 0 else {
            close(input[1]); close(output[0])
            return .failed("cannot run \(Diagnostic.quote(command)): \(String(cString: strerror(spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeout)

        // What the command says, read as it says it (a full pipe would stop it), up to 4 KB kept.
        let said = Locked<[UInt8]>([])
        let readerDone = DispatchSemaphore(value: 0)
        let reading = output[0]
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(reading, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                said.withLock { if $0.count < 4096 { $0.append(contentsOf: buffer[0..<min(count, 4096 - $0.count)]) } }
            }
            close(reading)
            readerDone.signal()
        }.start()

        // The message, then end of input. Non-blocking, so that a command that never reads cannot
        // hold Punchcard past the timeout.
        let writing = input[1]
        _ = fcntl(writing, F_SETFL, fcntl(writing, F_GETFL) | O_NONBLOCK)
        var offset = 0
        var timedOut = false
        message.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = write(writing, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 { offset += written; continue }
                if written < 0, errno == EINTR { continue }
                if written < 0, errno == EAGAIN {
                    if Date() > deadline { timedOut = true; break }
                    var poller = pollfd(fd: writing, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, 50)
                    continue
                }
                break // EPIPE: the command stopped reading; its exit status says what happened
            }
        }
        close(writing)

        var status: Int32 = 0
        while !timedOut {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { break }
            if Date() > deadline { timedOut = true; break }
            usleep(done == 0 ? 1000 : 0)
        }
        if timedOut {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            _ = readerDone.wait(timeout: .now() + 2)
            return .failed("no answer from \(Diagnostic.quote(command)) within \(Self.seconds(timeout)) (stopped)")
        }
        _ = readerDone.wait(timeout: .now() + 2)
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : status & 0x7F
        if exited, code == 0 { return .accepted }
        let words = MailHeaders.sanitized(String(decoding: said.withLock { $0 }, as: UTF8.self))
        let how = exited ? "exited with status \(code)" : "was stopped by signal \(code)"
        return .failed("\(Diagnostic.quote(command)) \(how)" + (words.isEmpty ? "" : ": " + (words.count > 200 ? words.prefix(200) + "…" : words)))
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
