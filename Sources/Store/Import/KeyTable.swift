/// The keys of an import file (member_ids) with the line each is on, kept compactly: their UTF-8
/// bytes end to end in one buffer, with an offset and a line number each — about 16 bytes a member
/// instead of a `Set<String>`'s 60 or more, so that an import's memory stays nearly flat however
/// many members the file holds. Files usually come sorted by member_id (an export of another
/// system): then a duplicate can only be the key just before, and keys are found by binary search.
/// A file found out of order gets an index of its keys from then on (memory then grows with it).
struct KeyTable {
    private var bytes: [UInt8] = []
    private var starts: [UInt32] = []
    private var lines: [UInt32] = []
    /// Key → first line, once the file is found out of order.
    private var index: [String: Int]?

    var count: Int { starts.count }

    /// Whether the keys came in byte order (each after the one before).
    var isSorted: Bool { index == nil }

    private func key(_ position: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[position])
        let end = position + 1 < starts.count ? Int(starts[position + 1]) : bytes.count
        return bytes[start..<end]
    }

    /// Adds `key`, on `line`; returns the line of its first occurrence when the file had it already.
    mutating func add(_ key: String, line: Int) -> Int? {
        let utf8 = Array(key.utf8)
        if index == nil, let last = starts.indices.last {
            let previous = self.key(last)
            if previous.elementsEqual(utf8) { return Int(lines[last]) }
            if !previous.lexicographicallyPrecedes(utf8) {
                // Out of order: from here on, an index of every key (the first line of each).
                var built: [String: Int] = [:]
                built.reserveCapacity(starts.count * 2)
                for position in starts.indices where built[String(decoding: self.key(position), as: UTF8.self)] == nil {
                    built[String(decoding: self.key(position), as: UTF8.self)] = Int(lines[position])
                }
                index = built
            }
        }
        if index != nil {
            if let first = index?[key] { return first }
            index?[key] = line
        }
        starts.append(UInt32(truncatingIfNeeded: bytes.count))
        lines.append(UInt32(truncatingIfNeeded: line))
        bytes.append(contentsOf: utf8)
        return nil
    }

    /// Whether the file holds `key`.
    func contains(_ key: String) -> Bool {
        if let index { return index[key] != nil }
        let wanted = Array(key.utf8)
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            let found = self.key(middle)
            if found.elementsEqual(wanted) { return true }
            if found.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        return false
    }
}
