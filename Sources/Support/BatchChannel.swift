import Foundation

/// A bounded, blocking hand-off between threads: producers wait when it is full, consumers when
/// it is empty. It keeps memory flat when one side is faster than the other.
public final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room; false when the consumer cancelled.
    public func send(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Sends when there is room, without waiting; false when full, closed or cancelled. For work
    /// that may be dropped (warming a cache ahead of the real work).
    public func sendIfRoom(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard items.count < capacity, !cancelled, !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Waits for an item; nil once the channel is closed and everything was taken, or cancelled.
    public func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed && !cancelled { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    public func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
