import Foundation
import TestData
import Testing
@testable import NetworkEngine

/// Shape, indexing and creation operations against PyTorch 2.13 (`shape.json`, written by
/// `scripts/reference/shape_cases.py`): values, gradients and `grad_fn` names bit for bit, and
/// PyTorch's error messages.
@Suite struct ShapeReferenceTests {
    /// Each case of `shape_cases.py`'s `operations()`, written with the engine's Swift API.
    static var operations: [String: ([Tensor]) throws -> [Tensor]] { [
        "reshape": { [try $0[0].reshape(4, -1)] },
        "view": { [try $0[0].view(6, 4)] },
        "flatten": { [try $0[0].flatten()] },
        "flatten-1": { [try $0[0].flatten(startDim: 1)] },
        "flatten-0-1": { [try $0[0].flatten(startDim: 0, endDim: 1)] },
        "transpose": { [try $0[0].transpose(0, 2)] },
        "transpose-negative": { [try $0[0].transpose(-1, -2)] },
        "permute": { [try $0[0].permute(2, 0, 1)] },
        "unsqueeze": { [try $0[0].unsqueeze(1)] },
        "unsqueeze-negative": { [try $0[0].unsqueeze(-1)] },
        "squeeze": { [$0[0].squeeze()] },
        "squeeze-dim": { [try $0[0].squeeze(dim: 1)] },
        "squeeze-dim-kept": { [try $0[0].squeeze(dim: 0)] },
        "contiguous-transposed": { [try $0[0].transpose(0, 1).contiguous()] },
        "expand": { [try $0[0].expand(2, 5, 4)] },
        "expand-new-dims": { [try $0[0].expand(3, -1, 5, -1)] },
        "stack": { [try Tensor.stack($0, dim: 1)] },
        "stack-last": { [try Tensor.stack($0, dim: -1)] },
        "split": { try $0[0].split(2, dim: 2) },
        "split-sizes": { try $0[0].split(sizes: [1, 2], dim: 1) },
        "chunk": { try $0[0].chunk(3, dim: 2) },
        "select": { [$0[0][0]] },
        "select-negative": { [$0[0][-1]] },
        "select-middle": { [$0[0][..., -1, ...]] },
        "select-last": { [$0[0][..., ..., 0]] },
        "select-scalar": { [$0[0][3]] },
        "slice-from": { [$0[0][1...]] },
        "slice-stride": { [$0[0][stride(from: 0, to: 5, by: 2)]] },
        "slice-columns": { [$0[0][..., 1..<3]] },
        "slice-then-select": { [$0[0][1..., 0]] },
        "select-then-slice": { [$0[0][0, 1...]] },
        "slice-whole": { [$0[0][...]] },
        "alias": { [$0[0][..., ...]] },
        "slice-last-n": { [$0[0][..., (-4)...]] },
        "slice-negative-whole": { [$0[0][..., (-4)...]] },
        "slice-clamped-whole": { [$0[0][..., 0..<100]] },
        "slice-square": { [$0[0][..<3, ..<3]] },
        "slice-strided-both": { [$0[0][stride(from: 0, to: 3, by: 2), stride(from: 0, to: 6, by: 2)]] },
        "slice-through": { [$0[0][1...3]] },
        "slice-negative-range": { [$0[0][-4 ..< -1]] },
        "slice-clamped": { [try $0[0].get([.slice(start: 1, end: 100, step: 1)])] },
        "index-select": { [try $0[0].indexSelect(dim: 1, index: $0[1])] },
        "gather": { [try $0[0].gather(dim: 1, index: $0[1])] },
        "gather-dim0": { [try $0[0].gather(dim: 0, index: $0[1])] },
        "mask-read": { [$0[0][$0[1]]] },
        "mask-read-rows": { [$0[0][$0[1]]] },
        "int-index-read": { [$0[0][$0[1]]] },
        "masked-select": { [try $0[0].maskedSelect($0[1])] },
        "where": { [try Tensor.where($0[0], $0[1], $0[2])] },
        "where-scalar": { [try Tensor.where($0[0], $0[1], 0.0)] },
        "where-scalar-first": { [try Tensor.where($0[0], -1.5, $0[1])] },
        "tril": { [try $0[0].tril()] },
        "triu-1": { [try $0[0].triu(diagonal: 1)] },
        "tril-negative-batched": { [try $0[0].tril(diagonal: -1)] },
        "reshape-of-transpose": { [try $0[0].transpose(0, 1).reshape(-1)] },
        "int64-transpose": { [try $0[0].transpose(0, 1)] },
        "int64-slice": { [$0[0][stride(from: 2, to: 10, by: 3)]] },
        "bool-expand": { [try $0[0].expand(2, 3)] },
    ] }

    @Test func operationsMatchPyTorchBitForBit() throws {
        let cases = try TestData.referenceCaseGroups("shape.json")
        let operations = try #require(cases["operations"] as? [[String: Any]])
        #expect(Set(operations.compactMap { $0["id"] as? String }) == Set(Self.operations.keys))
        // Every case is run, and at least 55 of the 58 compare gradients: a file with fewer fails.
        var ran = 0, withGradients = 0
        for entry in operations {
            ran += 1
            let id = try #require(entry["id"] as? String)
            let inputs = try (try #require(entry["inputs"] as? [Any])).map(referenceTensor)
            for input in inputs where input.dtype == .float32 { input.requiresGrad = true }
            let run = try #require(Self.operations[id], "no Swift form of \(id)")
            let outputs = try run(inputs)
            let expected = try #require(entry["outputs"] as? [Any])
            #expect(outputs.count == expected.count, "\(id): outputs")
            for (output, wanted) in zip(outputs, expected) { try expectSame(output, wanted, "\(id) output") }
            let names = try #require(entry["gradFns"] as? [Any])
            #expect(outputs.map { $0.ruleType?.name ?? "None" } == names.map { ($0 as? String) ?? "None" }, "\(id): grad_fn")
            guard let upstream = entry["upstream"] as? [Any], let grads = entry["grads"] as? [Any] else { continue }
            withGradients += 1
            #expect(grads.count == inputs.count && upstream.count == outputs.count, "\(id): gradients and upstreams")
            var loss: Tensor?
            for (output, seed) in zip(outputs, upstream) {
                let term = (output * (try referenceTensor(seed))).sum()
                loss = loss.map { $0 + term } ?? term
            }
            try #require(loss).backward()
            for (index, (input, wanted)) in zip(inputs, grads).enumerated() {
                if wanted is NSNullLike { #expect(input.grad == nil || input.dtype != .float32); continue }
                let grad = try #require(input.grad, "\(id): grad of input \(index)")
                // (expand-new-dims: a sum over interleaved dimensions, in PyTorch's order too.)
                try expectSame(grad, wanted, "\(id) grad \(index)")
            }
        }
        #expect(ran == operations.count && operations.count == Self.operations.count && ran >= 58, "\(ran) of \(operations.count) operations run")
        #expect(withGradients >= 55, "\(withGradients) operations compared gradients")
    }

    @Test func indexWritesMatchPyTorch() throws {
        let cases = try TestData.referenceCaseGroups("shape.json")
        let writes = try #require(cases["writes"] as? [[String: Any]])
        #expect(writes.count == 5)
        for entry in writes {
            let id = try #require(entry["id"] as? String)
            let x = try referenceTensor(entry["input"] as Any)
            switch id {
            case "set-select": x[0] = try Tensor.full([4, 5], 0.5)
            case "set-slice-number": x[0..<2, 1..<3] = 0.0
            case "set-middle-broadcast": x[..., -1, ...] = try Tensor.arange(0.0, 5.0)
            case "set-strided": x[..., ..., stride(from: 0, to: 5, by: 2)] = -2.0
            case "set-mask": x[x.gt(1.0)] = 9.0
            default: Issue.record("no Swift form of \(id)")
            }
            try expectSame(x, entry["output"] as Any, id)
            #expect(x.version == 1, "\(id): one in-place change")
        }
    }

    @Test func recordedIndexWritesMatchPyTorch() throws {
        let cases = try TestData.referenceCaseGroups("shape.json")
        let entry = try #require((cases["recordedWrites"] as? [[String: Any]])?.first)
        let leaves = try (try #require(entry["inputs"] as? [Any])).map(referenceTensor)
        for leaf in leaves { leaf.requiresGrad = true }
        let (x, v, w) = (leaves[0], leaves[1], leaves[2])
        let y = x * 2.0
        var names: [String?] = []
        y[0] = v * 3.0
        names.append(y.ruleType?.name)
        y[..., 1..<3] = 0.5
        names.append(y.ruleType?.name)
        let mask = y.detached().gt(1.0)
        try expectSame(mask, entry["mask"] as Any, "mask")
        y[mask] = w * 1.0
        names.append(y.ruleType?.name)
        let z = Tensor.zeros(3)
        z[1] = v[0]
        names.append(z.ruleType?.name)
        #expect(names == (entry["gradFns"] as? [String]) ?? [])
        try expectSame(y, entry["output"] as Any, "y")
        try expectSame(z, entry["z"] as Any, "z")
        try ((y * (try referenceTensor(entry["upstream"] as Any))).sum() + z.sum() * 2.0).backward()
        let grads = try #require(entry["grads"] as? [Any])
        for (leaf, wanted) in zip(leaves, grads) { try expectSame(try #require(leaf.grad), wanted, "grad") }
    }

    @Test func creationMatchesPyTorchBitForBit() throws {
        let cases = try TestData.referenceCaseGroups("shape.json")
        let creation = try #require(cases["creation"] as? [[String: Any]])
        var linspaces = 0, compared = 0
        for entry in creation {
            let id = try #require(entry["id"] as? String)
            let made: Tensor
            switch entry["function"] as? String {
            case "linspace":
                linspaces += 1
                made = try Tensor.linspace(number(entry["start"]), number(entry["end"]), steps: try #require(entry["steps"] as? Int))
            case "arange":
                made = try Tensor.arange(number(entry["start"]), number(entry["end"]), step: number(entry["step"]))
            case "eye":
                made = try Tensor.eye(try #require(entry["n"] as? Int), entry["m"] as? Int)
            case "full":
                let shape = try #require(entry["shape"] as? [Int])
                if let value = entry["integer"] as? Int, entry["value"] == nil {
                    made = try Tensor.full(shape, integer: value)
                } else if let flag = entry["boolean"] as? Bool {
                    made = try Tensor.full(shape, boolean: flag)
                } else {
                    made = try Tensor.full(shape, number(entry["value"]))
                }
            case "tril-ones":
                let n = try #require(entry["n"] as? Int)
                made = try Tensor.ones(n, n).tril()
            default:
                Issue.record("unknown creation \(id)")
                continue
            }
            try expectSame(made, entry["output"] as Any, id)
            compared += 1
        }
        #expect(linspaces == 11)
        #expect(compared == creation.count && compared >= 21, "\(compared) of \(creation.count) creations compared")
    }

    @Test func errorsAreInPyTorchsWords() throws {
        let cases = try TestData.referenceCaseGroups("shape.json")
        let errors = try #require(cases["errors"] as? [[String: Any]])
        let y = Tensor.zeros(2, 3, 4)
        let attempts: [String: () throws -> Any] = [
            "view-size": { try y.view(2, 5) },
            "reshape-infer-size": { try y.reshape(5, -1) },
            "reshape-two-inferred": { try y.view(-1, -1) },
            "reshape-negative": { try y.view(-2, 12) },
            "index-out-of-bounds": { try y.get(5) },
            "index-out-of-bounds-second": { try y.get(0, 5) },
            "index-negative-out-of-bounds": { try y.get(0, 0, -5) },
            "too-many-indices": { try y.get(0, 0, 0, 0) },
            "transpose-dim": { try y.transpose(0, 3) },
            "permute-count": { try y.permute(0, 1) },
            "permute-duplicate": { try y.permute(0, 1, 1) },
            "squeeze-dim": { try y.squeeze(dim: 3) },
            "unsqueeze-dim": { try y.unsqueeze(4) },
            "expand-size": { try y.expand(3, 3, 4) },
            "expand-count": { try y.expand(2, 3) },
            "stack-shapes": { try Tensor.stack([y, y[0]]) },
            "split-zero": { try y.split(0) },
            "split-sizes-sum": { try y.split(sizes: [1, 1], dim: 1) },
            "chunk-zero": { try y.chunk(0) },
            "flatten-order": { try y.flatten(startDim: 2, endDim: 1) },
            "index-select-bounds": { try y.indexSelect(dim: 1, index: Tensor(integers: [3])) },
            "gather-bounds": { try y.gather(dim: 1, index: try Tensor(shape: [1, 1, 1], integers: [5])) },
            "mask-shape": { try y.get(Tensor(booleans: [true])) },
            "int-index-bounds": { try y.get(Tensor(integers: [0, 2])) },
            "slice-step-zero-or-negative": { try y.get(TensorIndex.slice(start: nil, end: nil, step: -1)) },
            "linspace-steps": { try Tensor.linspace(0, 1, steps: -1) },
            "eye-negative": { try Tensor.eye(-1) },
            "full-negative": { try Tensor.full([-1], 1.0) },
            "where-condition": { try Tensor.where(Tensor.zeros(2), Tensor.zeros(2), Tensor.ones(2)) },
            "set-shape": { try y.set([.index(0)], to: Tensor.zeros(2)) },
            "set-leaf": { try Tensor.zeros(2).requiringGrad().set([.index(0)], to: 1.0) },
        ]
        #expect(Set(errors.compactMap { $0["id"] as? String }) == Set(attempts.keys) && errors.count == attempts.count)
        for entry in errors {
            let id = try #require(entry["id"] as? String), message = try #require(entry["error"] as? String)
            let attempt = try #require(attempts[id])
            #expect(throws: TensorError(message), "\(id)") { _ = try attempt() }
        }
    }
}

/// JSON's null, as `JSONSerialization` reads it.
private typealias NSNullLike = NSNull

/// A float32 tensor `{shape, bits}` or an int64/bool one `{shape, dtype, integers}`.
private func referenceTensor(_ any: Any) throws -> Tensor {
    let encoded = try EncodedTensor(any)
    if let integers = encoded.integers {
        return (any as? [String: Any])?["dtype"] as? String == "bool"
            ? try Tensor(shape: encoded.shape, booleans: integers.map { $0 != 0 }) : try encoded.tensor()
    }
    // Float tensors: every element written (encodedTensor checks).
    return try tensor(try encodedTensor(any))
}

private func number(_ any: Any?) throws -> Double {
    if let value = any as? Double { return value }
    return Double(try #require(any as? Int))
}

/// The same shape, type and values, bit for bit.
private func expectSame(_ actual: Tensor, _ expected: Any, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let wanted = try referenceTensor(expected)
    #expect(actual.shape == wanted.shape, "\(what): shape \(actual.shape) vs \(wanted.shape)", sourceLocation: sourceLocation)
    #expect(actual.dtype == wanted.dtype, "\(what): dtype", sourceLocation: sourceLocation)
    if wanted.dtype == .int64 {
        #expect(actual.integers == wanted.integers, "\(what): integers", sourceLocation: sourceLocation)
    } else {
        #expect(actual.scalars.map(\.bitPattern) == wanted.scalars.map(\.bitPattern), "\(what): \(actual.scalars) vs \(wanted.scalars)",
                sourceLocation: sourceLocation)
    }
}
