// Operators and free functions for Swift code. Like Array's subscript, a shape error traps with
// the message the throwing form gives (`try a.add(b)`); hosts that must not trap call those.

@inline(__always)
private func orTrap(_ operation: () throws -> Tensor) -> Tensor {
    do { return try operation() } catch { fatalError("\(error)") }
}

extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { orTrap { try lhs.add(rhs) } }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { orTrap { try lhs.sub(rhs) } }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { orTrap { try lhs.mul(rhs) } }
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { orTrap { try lhs.div(rhs) } }

    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.add(rhs) }
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.sub(rhs) }
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.mul(rhs) }
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.div(rhs) }

    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.add(lhs) }
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.subtracted(from: lhs) }
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.mul(lhs) }
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.divided(into: lhs) }

    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }
}

public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
public func exp(_ x: Tensor) -> Tensor { x.exp() }
public func log(_ x: Tensor) -> Tensor { x.log() }
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
public func erf(_ x: Tensor) -> Tensor { x.erf() }
public func relu(_ x: Tensor) -> Tensor { x.relu() }
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
public func pow(_ x: Tensor, _ exponent: Double) -> Tensor { x.pow(exponent) }
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { orTrap { try a.matmul(b) } }
