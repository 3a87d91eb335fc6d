import Foundation

/// A few threads taking items from a bounded channel and handing each to `work`, until `finish()`
/// closes the channel and waits for them. For side work beside a build's rendering threads.
public final class BackgroundWorkers<Item>: @unchecked Sendable {
    private let items: BatchChannel<Item>
    private let done = NSCondition()
    private var running: Int

    public init(threads: Int, capacity: Int, work: @escaping @Sendable (Item) -> Void) {
        items = BatchChannel(capacity: capacity)
        running = threads
        for _ in 0..<threads {
            Thread { [items, done] in
                while let item = items.receive() { work(item) }
                done.lock()
                self.running -= 1
                done.broadcast()
                done.unlock()
            }.start()
        }
    }

    /// Waits for room; false once finished.
    @discardableResult
    public func send(_ item: Item) -> Bool { items.send(item) }

    /// Sends without waiting; false when the workers are that far behind (the item is dropped).
    public func sendIfRoom(_ item: Item) -> Bool { items.sendIfRoom(item) }

    /// Waits until every item sent has been worked on.
    public func finish() {
        items.close()
        done.lock()
        while running > 0 { done.wait() }
        done.unlock()
    }
}
