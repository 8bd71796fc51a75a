/// Sorting with a comparator that may fail. The standard library's `sorted(by:)` takes a
/// comparator that can only throw untyped errors and keeps calling it until it is done, so a
/// budget error in a cell's comparator went on for as long as the sort did (161 s against a 10 s
/// budget). This merge sort stops at the first error. It is stable, as Swift's sort is, so a
/// consistent comparator gives Swift's order.
extension Interpreter {
    static func mergeSorted(_ elements: [Value], by less: (Value, Value) throws(CellError) -> Bool) throws(CellError) -> [Value] {
        var source = elements
        guard source.count > 1 else { return source }
        var target = source
        var width = 1
        while width < source.count {
            var start = 0
            while start < source.count {
                let middle = min(start + width, source.count)
                let end = min(start + 2 * width, source.count)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    // Takes from the right run only when strictly less: equal elements keep their order.
                    if try less(source[j], source[i]) {
                        target[k] = source[j]
                        j += 1
                    } else {
                        target[k] = source[i]
                        i += 1
                    }
                    k += 1
                }
                while i < middle { target[k] = source[i]; i += 1; k += 1 }
                while j < end { target[k] = source[j]; j += 1; k += 1 }
                start = end
            }
            swap(&source, &target)
            width *= 2
        }
        return source
    }
}
