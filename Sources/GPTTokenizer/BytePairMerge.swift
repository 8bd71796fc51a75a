/// tiktoken's byte-pair merge of one piece: start from single bytes and repeatedly merge the
/// adjacent pair whose concatenation has the lowest rank (the leftmost such pair on a tie) until
/// no adjacent pair is a token.
enum BytePairMerge {
    /// Longer pieces (a long run of letters or digits without spaces) take the heap, whose work
    /// grows as n log n instead of n²: a megabyte-long word must not hang a render.
    static let heapThreshold = 256

    /// Appends the ranks of `piece`'s tokens to `output`. Every single byte must be a token.
    static func encode(_ piece: UnsafeBufferPointer<UInt8>, with table: TokenTable, into output: inout [Int]) {
        let starts = piece.count > heapThreshold ? mergeWithHeap(piece, table) : mergeByScanning(piece, table)
        for index in 0..<starts.count - 1 {
            output.append(table.rank(of: UnsafeBufferPointer(rebasing: piece[starts[index]..<starts[index + 1]]))!)
        }
    }

    /// tiktoken's own loop: scan every pair for the lowest rank, merge, repeat. Returns where each
    /// final part starts, and the piece's end.
    static func mergeByScanning(_ piece: UnsafeBufferPointer<UInt8>, _ table: TokenTable) -> [Int] {
        let none = Int.max
        func rank(_ range: Range<Int>) -> Int { table.rank(of: UnsafeBufferPointer(rebasing: piece[range])) ?? none }
        // ranks[i] is the rank of parts i and i + 1 merged; the two sentinels at the end let a
        // merge's new rank reach two parts ahead, as in tiktoken.
        var starts = Array(0...piece.count)
        var ranks = (0..<piece.count).map { $0 + 2 <= piece.count ? rank($0..<$0 + 2) : none } + [none]
        while true {
            var best = none, bestIndex = -1
            for index in 0..<ranks.count - 1 where ranks[index] < best {
                best = ranks[index]
                bestIndex = index
            }
            if best == none { return starts }
            if bestIndex > 0 {
                ranks[bestIndex - 1] = bestIndex + 2 < starts.count ? rank(starts[bestIndex - 1]..<starts[bestIndex + 2]) : none
            }
            ranks[bestIndex] = bestIndex + 3 < starts.count ? rank(starts[bestIndex]..<starts[bestIndex + 3]) : none
            starts.remove(at: bestIndex + 1)
            ranks.remove(at: bestIndex + 1)
        }
    }

    /// The same merges in the same order: candidate pairs wait in a heap ordered by (rank, start),
    /// so the first valid one popped is the lowest rank, leftmost on a tie. A pair is stale once
    /// either of its parts has merged with something else; then its span has changed.
    static func mergeWithHeap(_ piece: UnsafeBufferPointer<UInt8>, _ table: TokenTable) -> [Int] {
        let count = piece.count
        // next[i]: where the part starting at i ends; previous[i]: where the part before it starts.
        var next = Array(1...count), previous = Array(-1..<count - 1)
        var alive = [Bool](repeating: true, count: count)
        var heap = PairHeap()
        func consider(_ start: Int) {
            guard start >= 0, next[start] < count else { return }
            let end = next[next[start]]
            if let rank = table.rank(of: UnsafeBufferPointer(rebasing: piece[start..<end])) {
                heap.push(PairHeap.Pair(rank: rank, start: start, end: end))
            }
        }
        for start in 0..<count - 1 { consider(start) }
        while let pair = heap.pop() {
            let middle = next[pair.start]
            guard alive[pair.start], middle < count, next[middle] == pair.end else { continue }
            alive[middle] = false
            next[pair.start] = pair.end
            if pair.end < count { previous[pair.end] = pair.start }
            consider(previous[pair.start])
            consider(pair.start)
        }
        var starts: [Int] = []
        var start = 0
        while start < count {
            starts.append(start)
            start = next[start]
        }
        return starts + [count]
    }
}

/// A binary min-heap of candidate merges, ordered by rank, then by position.
struct PairHeap {
    struct Pair {
        var rank: Int, start: Int, end: Int
        func precedes(_ other: Pair) -> Bool { (rank, start) < (other.rank, other.start) }
    }

    private var items: [Pair] = []

    mutating func push(_ pair: Pair) {
        items.append(pair)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Pair? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && items[left].precedes(items[smallest]) { smallest = left }
            if right < items.count && items[right].precedes(items[smallest]) { smallest = right }
            if smallest == parent { return first }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
