extension RandomAccessCollection {
    /// The first index whose element `belongsAfter` is true of, in a collection where every
    /// such element comes after every other (a sorted list, asked where something goes in it);
    /// `endIndex` when there is none. Found by halving.
    @inlinable
    public func partitioningIndex(where belongsAfter: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try belongsAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
