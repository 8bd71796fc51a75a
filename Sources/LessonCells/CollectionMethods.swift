import Foundation

/// Methods of built-in values reached through a value (not chosen when the cell was lowered):
/// the registry's bindings for the receiver's type (`Bindings/Collections.swift`, `Numbers.swift`,
/// the engine's), or calling a closure.
extension Interpreter {
    func builtinMethod(_ receiver: Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> (result: Value, receiver: Value?) {
        switch receiver {
        case .function where name == "callAsFunction":
            return (try call(receiver, values, labels, arguments, loc), nil)
        case .array where Lowering.builtinMutatingMethods.contains(name):
            // A mutating method of an array that is no variable's (`f().append(3)`) would change a
            // copy: lowering refuses it, unless a page struct's method of that name left it to here.
            throw Interpreter.immutableReceiver(loc)
        default:
            if let v = try boundMethod(receiver, name, values, labels, arguments, loc) { return (v, nil) }
        }
        throw CellError("value of type '\(receiver.typeName)' has no method '\(name)'", at: loc)
    }

    /// swiftc's error for a mutating method on a value that is no variable.
    static func immutableReceiver(_ loc: Loc) -> CellError {
        CellError("cannot use mutating member on immutable value", at: loc)
    }

    /// `formatted()` as Swift's Foundation prints it on Linux (`163,009,536`, `1,234,567.891`),
    /// pinned to en_US so a page's output does not depend on the machine's locale.
    static let formattingLocale = Locale(identifier: "en_US")

    func callClosure(_ f: Value, _ args: [Value], _ loc: Loc) throws(CellError) -> Value {
        try call(f, args, args.map { _ in nil }, [], loc)
    }
}
