import LessonCells
import LessonModel
import Testing

/// The transformer lessons' modules and a training loop's optimizer, through the registry.
@Suite struct TrainingBindingTests {
    @Test func anOptimizerKeptInAVarSteps() {
        let code = """
            manualSeed(0)
            let model = Sequential(Linear(2, 4), ReLU(), Linear(4, 1))
            var optimizer = SGD(model.parameters(), lr: 0.1)
            let x = Tensor([[1.0, 2.0], [3.0, 4.0]])
            var losses: [Double] = []
            for _ in 0..<5 {
                optimizer.zeroGrad()
                let loss = mseLoss(model(x), Tensor([[1.0], [0.0]]))
                loss.backward()
                try optimizer.step()
                losses.append(loss.item())
            }
            optimizer.lr = 0.01
            print(losses.last! < losses.first!, optimizer.lr, model.parameters().count)
            """
        #expect(printed(code) == "true 0.01 4\n")
    }

    @Test func embeddingLayerNormAndDropout() {
        let code = """
            manualSeed(1)
            struct Block: Module {
                var embedding = Embedding(10, 4)
                var norm = LayerNorm(4)
                var dropout = Dropout(0.5)
                func callAsFunction(_ ids: Tensor) -> Tensor { dropout(norm(embedding(ids))) }
            }
            let block = Block()
            block.eval()
            let out = block(Tensor(shape: [1, 3], integers: [0, 1, 2]))
            print(out.shape, block.namedParameters().map { $0.name })
            print(block.embedding.weight.shape, block.dropout.p, Tensor.arange(0, 3).to(.int64).dtype, Tensor([1.0, 3.0]).gt(2).booleans)
            """
        let output = runCell(code)
        if let error = output.error { Issue.record("\(error)") }
        #expect(output.printedText == "[1, 3, 4] [\"embedding.weight\", \"norm.weight\", \"norm.bias\"]\n[10, 4] 0.5 torch.int64 [false, true]\n")
    }

    @Test func adamTakesItsBetasAsATuple() {
        let code = "let w = Tensor([1.0])\nw.requiresGrad = true\nlet opt = AdamW([w], lr: 0.1, betas: (0.9, 0.95))\n(w * w).sum().backward()\ntry opt.step()\nprint(w.item() < 1)"
        #expect(printed(code) == "true\n")
        #expect(failure("let opt = SGD([Tensor([1.0])], rate: 0.1)") == "page.md:1:32: error: incorrect argument label in call (have '_:rate:', expected '_:lr:')")
    }
}

@Suite struct ReductionBindingTests {
    @Test func softmaxMaxAndCrossEntropy() {
        let code = """
            let logits = Tensor([[1.0, 2.0, 3.0], [1.0, 0.0, 0.0]])
            let (values, indices) = logits.max(dim: 1)
            print(values.scalars, indices.integers, logits.argmax().item(), logits.softmax(dim: 1).shape)
            let loss = crossEntropy(logits, Tensor(integers: [2, 0]), reduction: .sum)
            print(loss.shape, logits.var(dim: 1).shape, logits.clamp(min: 0.5).min().item())
            """
        #expect(printed(code) == "[3.0, 1.0] [2, 0] 2.0 [2, 3]\n[] [2] 0.5\n")
        #expect(failure("print(crossEntropy(Tensor([[1.0]]), Tensor(integers: [0]), reduction: .total))") == "page.md:1:7: error: a reduction is .mean, .sum or .none, found '.total'")
    }
}
