import CSV
import Foundation
import PunchcardSupport

/// One CSV record and the line of the file it starts on.
struct CSVRecord: Sendable {
    var line: Int
    var fields: [String]
}

/// Reads an RFC 4180 file record by record, with line numbers, while a background thread parses
/// ahead. The file is cut into pieces at line ends that are outside quotes and each piece is parsed
/// by the CSV.swift library, so memory stays bounded by a few pieces whatever the file's size,
/// and parsing runs on one core while the caller validates and stores on the other.
final class CSVRecordStream: @unchecked Sendable {
    let displayName: String
    let totalBytes: Int
    private let channel = BatchChannel<Result<[CSVRecord], Diagnostic>>(capacity: 4)
    private var batch: [CSVRecord] = []
    private var position = 0
    private let progressLock = NSLock()
    private var _bytesParsed = 0

    /// Bytes of the file parsed so far, for a progress display.
    var bytesParsed: Int { progressLock.withLock { _bytesParsed } }

    init(url: URL, displayName: String, pieceSize: Int = 4 << 20) throws(Diagnostic) {
        self.displayName = displayName
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
            totalBytes = Int((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0)
        } catch {
            throw Diagnostic(SourceLocation(file: displayName), "cannot read the file: \(error.localizedDescription)")
        }
        let thread = Thread { [channel, displayName] in
            CSVRecordStream.produce(handle: handle, displayName: displayName, pieceSize: pieceSize,
                                    channel: channel) { [weak self] bytes in
                guard let self else { return }
                self.progressLock.withLock { self._bytesParsed = bytes }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    deinit {
        channel.cancel()
    }

    /// The next record, or nil at the end of the file.
    func next() throws(Diagnostic) -> CSVRecord? {
        while position == batch.count {
            guard let result = channel.receive() else { return nil }
            switch result {
            case .success(let records):
                batch = records
                position = 0
            case .failure(let diagnostic):
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

    // MARK: Background parsing

    private static func produce(
        handle: FileHandle, displayName: String, pieceSize: Int,
        channel: BatchChannel<Result<[CSVRecord], Diagnostic>>, progress: (Int) -> Void
    ) {
        defer {
            try? handle.close()
            channel.close()
        }
        var carry: [UInt8] = []
        var nextLine = 1
        var bytesParsed = 0
        var isFirstPiece = true
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: pieceSize) ?? Data()
            } catch {
                _ = channel.send(.failure(Diagnostic(SourceLocation(file: displayName),
                                                     "cannot read the file: \(error.localizedDescription)")))
                return
            }
            let atEnd = chunk.isEmpty
            carry.append(contentsOf: chunk)
            let scan = LineEnds.scan(carry)
            var cut = atEnd ? carry.count : scan.lastRecordEnd
            if !atEnd && cut == 0 { continue } // one record longer than a piece: read on
            if atEnd && scan.endsInsideQuotes {
                _ = channel.send(.failure(Diagnostic(
                    SourceLocation(file: displayName, line: nextLine + scan.linesBeforeLastRecord),
                    "a quoted field is never closed")))
                return
            }
            var start = 0
            if isFirstPiece, carry.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            if cut < start { cut = start }
            let piece = carry[start..<cut]
            guard let text = String(validating: piece, as: UTF8.self) else {
                let line = nextLine + LineEnds.lineOfFirstInvalidUTF8(in: piece)
                _ = channel.send(.failure(Diagnostic(SourceLocation(file: displayName, line: line),
                                                     "the text is not valid UTF-8")))
                return
            }
            isFirstPiece = false
            bytesParsed += cut
            var records: [CSVRecord] = []
            if !text.isEmpty {
                do {
                    let reader = try CSVReader(string: text, hasHeaderRow: false)
                    while let fields = reader.next() {
                        let lineCount = 1 + fields.reduce(0) { $0 + $1.utf8.lazy.filter { $0 == 0x0A }.count }
                        // A blank line is not a record.
                        if !(fields.count == 1 && fields[0].isEmpty) {
                            records.append(CSVRecord(line: nextLine, fields: fields))
                        }
                        nextLine += lineCount
                    }
                    if let error = reader.error { throw error }
                } catch {
                    _ = channel.send(.failure(Diagnostic(SourceLocation(file: displayName, line: nextLine),
                                                         "cannot parse CSV: \(error)")))
                    return
                }
            }
            progress(bytesParsed)
            if !records.isEmpty, !channel.send(.success(records)) { return }
            if atEnd { return }
            carry.removeSubrange(0..<cut)
        }
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

/// A bounded hand-off between one producer thread and one consumer.
final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room; false when the consumer cancelled.
    func send(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Waits for an item; nil once the producer closed and everything was taken.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed && !cancelled { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
