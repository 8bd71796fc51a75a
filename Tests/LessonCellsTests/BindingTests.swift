import Foundation
@testable import LessonCells
import LessonModel
import Testing

/// The registry of bindings: lowering resolves calls against it (labels are checked before a
/// cell runs, in swiftc's words), the evaluator runs the chosen overload, and the docs list it.
@Suite struct BindingTests {
    @Test func aWrongLabelStopsTheCellBeforeItRuns() {
        let output = runCell("print(\"before\")\nlet x = Tensor([1.0, 2.0])\nprint(x.softmax(axis: 0))")
        #expect(output.printedText == "")
        #expect(output.error?.description == "page.md:3:17: error: incorrect argument label in call (have 'axis:', expected 'dim:')")
    }

    @Test func labelMessagesAreSwifts() {
        #expect(failure("let x = Tensor([1.0])\nprint(x.softmax(1))") == "page.md:2:17: error: missing argument label 'dim:' in call")
        #expect(failure("let x = Tensor([1.0])\nprint(x.argmax(dims: 0))") == "page.md:2:16: error: incorrect argument label in call (have 'dims:', expected 'dim:'); candidates: argmax(), argmax(dim:keepDim:)")
        #expect(failure("let x = Tensor([1.0])\nprint(x.pow(e: 2))") == "page.md:2:13: error: extraneous argument label 'e:' in call")
        #expect(failure("let x = Tensor([1.0])\nprint(x.sum(0, 1, 2))") == "page.md:2:9: error: no exact matches in call to instance method 'sum'; candidates: sum(), sum(dim:keepDim:), sum(dims:keepDim:)")
        #expect(failure("let l = Linear(2, 3, biased: false)") == "page.md:1:22: error: incorrect argument label in call (have '_:_:biased:', expected '_:_:bias:')")
        #expect(failure("let t = Tensor.zero(3)") == "page.md:1:16: error: type 'Tensor' has no member 'zero'")
        #expect(failure("let t = reluu(Tensor([1.0]))") == "page.md:1:9: error: cannot find 'reluu' in scope")
    }

    @Test func anArgumentOfTheWrongTypeNamesTheOverloads() {
        #expect(failure("print(tanh(\"a\"))") == "page.md:1:7: error: no exact matches in call to global function 'tanh' with arguments of type ('String'); candidates: tanh(_: Tensor) -> Tensor, tanh(_: Double) -> Double")
        #expect(failure("let x = Tensor([1.0])\nprint(x.sum(dim: \"a\"))") == "page.md:2:9: error: cannot convert value of type 'String' to expected argument type 'Int'")
    }

    /// A page struct's own method of a bound name takes its own labels.
    @Test func aPageMethodOfABoundNameKeepsItsLabels() {
        let code = "struct Bag { var xs: [Double]\n func sum(scaledBy k: Double) -> Double { xs.reduce(0, +) * k } }\nprint(Bag(xs: [1, 2]).sum(scaledBy: 2))"
        #expect(printed(code) == "6.0\n")
    }

    @Test func theEightUndocumentedAPIs() {
        let code = """
            let x = Tensor(shape: [2, 2], scalars: [1, -2, 3, 4])
            print(x.scalars, x.count, x.requiresGrad)
            x.requiresGrad = true
            let y = (x * 2).neg()
            y.backward(gradient: Tensor.ones(2, 2))
            print(x.grad!.scalars, y.detached().requiresGrad)
            manualSeed(1)
            print(Tensor.uniform([3], from: -1, to: 1).shape)
            """
        #expect(printed(code) == "[1.0, -2.0, 3.0, 4.0] 4 false\n[-2.0, -2.0, -2.0, -2.0] false\n[3]\n")
    }

    @Test func theTokenizer() {
        let code = """
            let tokenizer = try GPT2Tokenizer.gpt2()
            let ids = try tokenizer.encode("Every effort moves you")
            print(ids, try tokenizer.decode(ids), tokenizer.vocabularySize)
            print(try tokenizer.encode("a<|endoftext|>", allowedSpecial: [GPT2Tokenizer.endOfText]))
            """
        #expect(printed(code) == "[6109, 3626, 6100, 345] Every effort moves you 50257\n[64, 50256]\n")
        #expect(failure("let t = try GPT2Tokenizer.gpt2()\nprint(try t.encode(\"<|endoftext|>\"))") == "page.md:2:13: error: the text contains the special token <|endoftext|>; pass allowedSpecial: [\"<|endoftext|>\"] to encode it as that token, or use encodeOrdinary to encode it as plain text")
    }

    /// `setPrintOptions` holds for the page's later cells, as in a notebook, and no other page.
    @Test func printOptionsCarryFromCellToCell() {
        let outputs = runPage([(1, "setPrintOptions(precision: 2)"), (3, "print(Tensor([1.0 / 3.0]))")])
        #expect(outputs[1].printedText == "tensor([0.3333])\n".replacingOccurrences(of: "0.3333", with: "0.33"))
        #expect(runCell("print(Tensor([1.0 / 3.0]))").printedText == "tensor([0.3333])\n")
        #expect(failure("setPrintOptions(precision: -1)") == "page.md:1:1: error: print option precision must be 0 or more, not -1")
    }

    /// Names come from the engine's walk: a page module holding engine layers in a Sequential,
    /// arrays of them, and a plain tensor field that requires a gradient.
    @Test func parameterNamesComeFromTheEnginesWalk() {
        let code = """
            struct Block: Module {
                var layers: [Sequential]
                var scale = Tensor([1.0])
                func callAsFunction(_ x: Tensor) -> Tensor { layers[0](x) * scale }
            }
            manualSeed(0)
            var b = Block(layers: [Sequential(Linear(2, 2), ReLU()), Sequential(Linear(2, 1, bias: false))])
            b.scale.requiresGrad = true
            for (name, p) in b.namedParameters() { print(name, p.shape) }
            print(b.parameters().count, Sequential(b, Tanh())(Tensor([[1.0, 2.0]])).shape)
            """
        #expect(printed(code) == "layers.0.0.weight [2, 2]\nlayers.0.0.bias [2]\nlayers.1.0.weight [1, 2]\nscale [1]\n4 [1, 2]\n")
    }

    /// Every binding's labels match its closure's parameters, and each overload is distinct.
    @Test func everyBindingIsWellFormed() {
        var seen: Set<String> = []
        for binding in Registry.shared.all {
            let (_, _, labels) = Binding.parse(binding.kind == .property || binding.kind == .staticProperty ? binding.name : binding.shape.signature)
            #expect(labels.count == binding.shape.parameters.count, "\(binding.declaration)")
            #expect(!binding.shape.parameters.contains { $0.label?.hasPrefix("#") == true }, "\(binding.declaration): more closure parameters than labels")
            #expect(seen.insert(binding.declaration).inserted, "\(binding.declaration) is bound twice")
        }
    }

    /// Dispatch keeps each overload's verdict on the receiver as one bit of a 64-bit mask (more
    /// overloads of a name would stop it at a precondition).
    @Test func noNameHasMoreOverloadsThanTheDispatchMaskHolds() {
        let registry = Registry.shared
        for table in [registry.functions, registry.statics, registry.methods, registry.properties, registry.mutating] {
            for (name, indices) in table { #expect(indices.count <= 64, "\(name) has \(indices.count) overloads") }
        }
        #expect(registry.mutating["append"]?.count == 2)
    }

    /// docs/cell-language.md lists exactly what the registry binds. Run with
    /// `LECTERN_WRITE_BINDING_DOCS=1` to rewrite the section after changing a binding.
    @Test func theDocsListEveryBinding() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/cell-language.md").standardizedFileURL
        let text = try String(contentsOf: docs, encoding: .utf8)
        guard let begin = text.range(of: Registry.docsBegin), let end = text.range(of: Registry.docsEnd) else {
            Issue.record("docs/cell-language.md has no generated API reference section")
            return
        }
        let current = String(text[begin.lowerBound..<end.upperBound])
        let generated = Registry.shared.documentation
        if current != generated, ProcessInfo.processInfo.environment["LECTERN_WRITE_BINDING_DOCS"] == "1" {
            try text.replacingCharacters(in: begin.lowerBound..<end.upperBound, with: generated).write(to: docs, atomically: true, encoding: .utf8)
            return
        }
        let documented = Set(current.split(separator: "\n").map(String.init))
        let bound = Set(generated.split(separator: "\n").map(String.init))
        for missing in bound.subtracting(documented) { Issue.record("bound but not documented: \(missing)") }
        for extra in documented.subtracting(bound) { Issue.record("documented but not bound: \(extra)") }
        #expect(current == generated)
    }
}
