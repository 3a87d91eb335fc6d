extension Int {
    /// `self + other`, held at `Int.max` or `Int.min` instead of trapping. Statement sums use it:
    /// a store written before imports were bounded may hold values whose sums overflow, and no
    /// store may make a command crash.
    @inlinable
    public func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    @inlinable
    public func subtractingSaturating(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }

    /// The magnitude, with `Int.min` held at `Int.max`.
    @inlinable
    public var saturatingMagnitude: Int { self == .min ? .max : Swift.abs(self) }
}
