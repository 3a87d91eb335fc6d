import CFileSystem
import CSV
import Foundation
import PunchcardSupport

/// One CSV record and the line of the file it starts on.
struct CSVRecord: Sendable {
    var line: Int
    var fields: [String]
}

/// Reads an RFC 4180 file record by record, with line numbers, while background threads parse
/// ahead. A reader thread cuts the file into pieces at line ends that are outside quotes; each piece
/// is parsed by the CSV.swift library on a worker of its own, and the pieces are handed back in file
/// order. Memory stays bounded by the pieces in flight whatever the file's size, and parsing uses
/// every core the caller is not using to validate and store.
final class CSVRecordStream: @unchecked Sendable {
    let displayName: String
    let totalBytes: Int
    private let channel: BatchChannel<ParsedPiece>
    private var batch: [CSVRecord] = []
    private var position = 0
    private var piecesTaken = 0
    private let progressLock = NSLock()
    private var _bytesParsed = 0

    /// Bytes of the file handed to the caller so far, for a progress display.
    var bytesParsed: Int { progressLock.withLock { _bytesParsed } }

    /// - Parameter readAhead: pieces parsed ahead per core, waiting for the caller.
    init(url: URL, displayName: String, pieceSize: Int = 1 << 20, readAhead: Int = 4) throws(Diagnostic) {
        self.displayName = displayName
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
            totalBytes = Int((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0)
        } catch {
            throw Diagnostic(SourceLocation(file: displayName), "cannot read the file: \(FileProblem.reason(error))")
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let channel = BatchChannel<ParsedPiece>(capacity: workers * readAhead + 1)
        self.channel = channel
        let jobs = BatchChannel<() -> Void>(capacity: workers)
        for _ in 0..<workers {
            let parser = Thread {
                // Parsers run at a lower priority than the caller's thread (validating, writing to
                // SQLite), the other half of the pipeline: it gets a core whenever it can use one,
                // and parsing fills whatever is left on every core.
                // (On Linux, PRIO_PROCESS with id 0 sets the calling thread's nice value only.)
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
                while let job = jobs.receive() { job() }
            }
            parser.start()
        }
        let thread = Thread {
            CSVRecordStream.cutPieces(handle: handle, displayName: displayName, pieceSize: pieceSize, channel: channel,
                                      jobs: jobs)
        }
        thread.start()
    }

    deinit {
        channel.cancel()
    }

    /// The next record, or nil at the end of the file.
    func next() throws(Diagnostic) -> CSVRecord? {
        while position == batch.count {
            guard let piece = channel.receive() else { return nil }
            switch piece.wait() {
            case .success(let records):
                batch = records
                position = 0
                progressLock.withLock { _bytesParsed += piece.byteCount }
                piecesTaken += 1
                // Records are made on the parsing threads and freed on this one: glibc keeps the
                // freed memory in the parsers' arenas, and a long import's resident memory grew
                // with the file although its heap did not. Handing it back now and then keeps it flat.
                if piecesTaken % 64 == 0 { punchcard_release_free_memory() }
            case .failure(let diagnostic):
                channel.cancel()
                throw diagnostic
            }
        }
        defer { position += 1 }
        return batch[position]
    }

    /// Stops the background reader early (the caller gave up on the file).
    func cancel() {
        channel.cancel()
    }

    // MARK: Background work

    /// A piece of the file being parsed on a worker; the caller waits for each in file order.
    final class ParsedPiece: @unchecked Sendable {
        let byteCount: Int
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<[CSVRecord], Diagnostic> = .success([])

        init(byteCount: Int) {
            self.byteCount = byteCount
        }

        static func failed(_ diagnostic: Diagnostic) -> ParsedPiece {
            let piece = ParsedPiece(byteCount: 0)
            piece.finish(.failure(diagnostic))
            return piece
        }

        func finish(_ result: Result<[CSVRecord], Diagnostic>) {
            self.result = result
            done.signal()
        }

        func wait() -> Result<[CSVRecord], Diagnostic> {
            done.wait()
            done.signal() // later waits return at once
            return result
        }
    }

    private static func cutPieces(handle: FileHandle, displayName: String, pieceSize: Int,
                                  channel: BatchChannel<ParsedPiece>, jobs: BatchChannel<() -> Void>) {
        defer {
            try? handle.close()
            channel.close()
            jobs.close()
        }
        var carry: [UInt8] = []
        var nextLine = 1
        var isFirstPiece = true
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: pieceSize) ?? Data()
            } catch {
                _ = channel.send(.failed(Diagnostic(SourceLocation(file: displayName),
                                                    "cannot read the file: \(FileProblem.reason(error))")))
                return
            }
            let atEnd = chunk.isEmpty
            carry.append(contentsOf: chunk)
            let scan = LineEnds.scan(carry)
            if !atEnd && scan.lastRecordEnd == 0 { continue } // a record longer than a piece: read on
            if atEnd && scan.endsInsideQuotes {
                _ = channel.send(.failed(Diagnostic(
                    SourceLocation(file: displayName, line: nextLine + scan.linesBeforeLastRecord),
                    "a quoted field is never closed")))
                return
            }
            let cut = atEnd ? carry.count : scan.lastRecordEnd
            let skip = isFirstPiece && carry.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 // UTF-8 byte order mark
            isFirstPiece = false
            let bytes = Array(carry[min(skip, cut)..<cut])
            let startLine = nextLine
            let piece = ParsedPiece(byteCount: cut)
            // Queue the piece before parsing starts, so the caller receives pieces in file order.
            guard channel.send(piece) else { return }
            guard jobs.send({ piece.finish(parse(bytes, startLine: startLine, displayName: displayName)) }) else { return }
            nextLine += atEnd ? 0 : scan.linesBeforeLastRecord
            if atEnd { return }
            carry.removeSubrange(0..<cut)
        }
    }

    private static func parse(_ bytes: [UInt8], startLine: Int, displayName: String) -> Result<[CSVRecord], Diagnostic> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = startLine + LineEnds.lineOfFirstInvalidUTF8(in: bytes[...])
            return .failure(Diagnostic(SourceLocation(file: displayName, line: line), "the text is not valid UTF-8"))
        }
        var records: [CSVRecord] = []
        guard !text.isEmpty else { return .success(records) }
        var line = startLine
        // Only a quoted field can hold a line break: most pieces have no quotes at all.
        let mayHoldLineBreaks = bytes.contains(0x22)
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false)
            while let fields = reader.next() {
                // A field may hold line breaks: the next record starts that many lines further down.
                var lineCount = 1
                if mayHoldLineBreaks {
                    for field in fields {
                        for byte in field.utf8 where byte == 0x0A { lineCount += 1 }
                    }
                }
                if !(fields.count == 1 && fields[0].isEmpty) { // a blank line is not a record
                    records.append(CSVRecord(line: line, fields: fields))
                }
                line += lineCount
            }
            if let error = reader.error { throw error }
        } catch {
            return .failure(Diagnostic(SourceLocation(file: displayName, line: line), "cannot parse CSV: \(error)"))
        }
        return .success(records)
    }
}

/// Finds where complete records end in a buffer of CSV bytes, following quotes.
enum LineEnds {
    struct Scan {
        /// Offset just past the last line end that is outside quotes (0 when there is none).
        var lastRecordEnd: Int
        /// Line ends before that offset.
        var linesBeforeLastRecord: Int
        var endsInsideQuotes: Bool
    }

    static func scan(_ bytes: [UInt8]) -> Scan {
        bytes.withUnsafeBufferPointer { buffer in
            var insideQuotes = false
            var lines = 0
            var result = Scan(lastRecordEnd: 0, linesBeforeLastRecord: 0, endsInsideQuotes: false)
            for index in 0..<buffer.count {
                switch buffer[index] {
                case 0x22: // A doubled quote toggles twice, so parity alone tells inside from outside.
                    insideQuotes.toggle()
                case 0x0A:
                    lines += 1
                    if !insideQuotes {
                        result.lastRecordEnd = index + 1
                        result.linesBeforeLastRecord = lines
                    }
                default:
                    break
                }
            }
            result.endsInsideQuotes = insideQuotes
            return result
        }
    }

    /// Zero-based line of the first byte sequence that is not UTF-8, for the error message.
    static func lineOfFirstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> Int {
        var lines = 0
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[lineStart...index], as: UTF8.self) == nil { return lines }
            lines += 1
            lineStart = index + 1
        }
        return lines
    }
}
