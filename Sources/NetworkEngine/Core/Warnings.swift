#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` and returns what it produced together with the warnings the engine raised
/// meanwhile on this thread (e.g. MSE's broadcasting warning), in the order raised.
/// Collectors nest: a warning goes to the innermost one only.
public func collectingWarnings<T>(_ body: () throws -> T) rethrows -> (result: T, warnings: [String]) {
    let context = ThreadContext.current
    let collector = WarningCollector()
    context.warningCollectors.append(collector)
    defer { context.warningCollectors.removeLast() }
    let result = try body()
    return (result, collector.messages)
}

/// PyTorch's `warnings.warn`: to the innermost collector on this thread, else to standard error.
func warn(_ message: String) {
    if let collector = ThreadContext.current.warningCollectors.last {
        collector.messages.append(message)
    } else {
        let line = Array("UserWarning: \(message)\n".utf8)
        _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }
}
