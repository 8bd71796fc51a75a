import Testing
@testable import NetworkEngine

/// Dropout against PyTorch 2.13: masks and values bit for bit, the generator's position after it.
@Suite struct DropoutTests {
    @Test func masksAreBitExactWithPyTorchForTheSameSeed() throws {
        let cases = try ModuleReference.list("dropout")
        #expect(cases.count == 9)
        for c in cases {
            let shape = try #require(c["shape"] as? [Int]), p = try #require(c["p"] as? Double)
            let seed = try #require(c["seed"] as? Int)
            let what = "dropout \(shape) p=\(p) seed \(seed)"
            let generator = Generator(seed: UInt64(seed))
            let x = try gridTensor(shape)
            let y: Tensor
            if c["module"] as? Bool == true {
                let module = Dropout(p, generator: generator)
                y = try module(x)
                module.eval()
                #expect(!module.isTraining)
                let evaluated = try packedFloats(c["evalHead"])
                #expect(try bitMismatches(module(x).scalars, evaluated) == 0, "\(what): eval")
            } else {
                x.requiresGrad = true
                y = try dropout(x, p: p, training: true, generator: generator)
            }
            #expect(bitChecksum(y.scalars) == c["checksum"] as? String, "\(what): checksum")
            #expect(y.scalars.filter { $0 != 0 }.count == c["kept"] as? Int, "\(what): kept")
            let head = try packedFloats(c["head"])
            #expect(bitMismatches(Array(y.scalars.prefix(head.count)), head) == 0, "\(what): first values")
            #expect(bitMismatches(Tensor.rand([3], generator: generator).scalars, try packedFloats(c["randAfter"])) == 0,
                    "\(what): the generator continues where PyTorch's does")
            if let name = c["gradFn"] as? String {
                #expect(y.ruleType?.name == name, "\(what): node")
            } else if c["module"] as? Bool != true {
                #expect(y === x, "\(what): the input itself comes back")
            }
            if let expected = c["inputGrad"] {
                try y.backward(gradient: gridTensor(shape, step: 5, offset: 0.5))
                #expect(bitMismatches(try #require(x.grad).scalars, try packedFloats(expected)) == 0, "\(what): gradient")
            }
        }
    }

    @Test func evaluationAndZeroProbabilityAreTheIdentity() throws {
        let x = try gridTensor([2, 3])
        #expect(try dropout(x, p: 0.5, training: false) === x)
        #expect(try dropout(x, p: 0) === x)
        #expect(try dropout(x, p: 1).scalars == [Float](repeating: 0, count: 6))
    }

    @Test func probabilityOutsideTheUnitIntervalIsPyTorchsError() throws {
        for c in try ModuleReference.list("dropoutErrors") {
            let p = try #require(c["p"] as? Double)
            #expect(throws: TensorError(try #require(c["functional"] as? String))) { try dropout(Tensor([1.0]), p: p) }
            #expect(throws: TensorError(try #require(c["module"] as? String))) { try Dropout(checking: p) }
        }
    }
}
