import CSV
import Foundation

/// Where a command writes its data: standard output as the shell opened it, or a file given with
/// `--output`. Standard output is written as a stream and never reopened, so that `>>` and a
/// redirection shared by several commands keep what is already there; a file is written beside
/// itself and renamed into place when complete, so that a failure (a full disk) leaves no
/// half-written or empty file. A failed write is an error in words, never a trap.
final class OutputSink {
    private let descriptor: Int32
    private let name: String
    private let temporaryPath: String?
    private let finalPath: String?
    private var buffer: [UInt8] = []
    private var finished = false

    /// Standard output, as the shell opened it.
    static var standardOutput: OutputSink { OutputSink(descriptor: STDOUT_FILENO, name: "standard output") }

    private init(descriptor: Int32, name: String, temporaryPath: String? = nil, finalPath: String? = nil) {
        self.descriptor = descriptor
        self.name = name
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
    }

    /// A file written whole or not at all: `path` appears only once everything is written.
    static func file(_ path: String) throws -> OutputSink {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReportedFailure(description: "\(path): cannot write the file (\(OutputSink.reason(errno)))")
        }
        return OutputSink(descriptor: descriptor, name: path, temporaryPath: temporary, finalPath: path)
    }

    deinit {
        // Not finished: an error stopped the command; what was written is removed.
        if let temporaryPath, !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { try OutputSink.writeAll($0, to: descriptor, name: name) }
    }

    /// Writes what is buffered and, for a file, puts it in place.
    func finish() throws {
        try flush()
        guard let temporaryPath, let finalPath else { return }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = OutputSink.reason(errno)
            finished = true
            unlink(temporaryPath)
            throw ReportedFailure(description: "\(finalPath): cannot write the file (\(reason)); nothing was written")
        }
        finished = true
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = OutputSink.reason(errno)
            unlink(temporaryPath)
            throw ReportedFailure(description: "\(finalPath): cannot write the file (\(reason)); nothing was written")
        }
    }

    /// Every byte, retrying short writes and interrupted calls.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, name: String) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportedFailure(description: "cannot write to \(name) (\(reason(errno)))")
            }
            offset += written
        }
    }

    /// The system's reason in words ("No space left on device").
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// CSV rows into an `OutputSink`, quoted by CSV.swift's writer, one line each (the last one too).
/// Rows are formatted in chunks in memory, so a million-row file never sits in memory whole.
struct CSVOutput {
    private let sink: OutputSink
    private var stream: OutputStream
    private var writer: CSVWriter
    private var rowsInChunk = 0

    init(_ sink: OutputSink) throws {
        self.sink = sink
        (stream, writer) = try CSVOutput.chunk()
    }

    private static func chunk() throws -> (OutputStream, CSVWriter) {
        let stream = OutputStream(toMemory: ())
        return (stream, try CSVWriter(stream: stream))
    }

    mutating func write(row: [String]) throws {
        try writer.write(row: row)
        rowsInChunk += 1
        if rowsInChunk == 2_048 { try drain() }
    }

    private mutating func drain() throws {
        guard rowsInChunk > 0 else { return }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        try sink.write(data)
        try sink.write("\n")
        (stream, writer) = try CSVOutput.chunk()
        rowsInChunk = 0
    }

    mutating func finish() throws {
        try drain()
        try sink.finish()
    }
}
