"""PyTorch's side of `engine-bench products`: the 124M GPT's matrix products (the 12 layers'
query/key/value/output and feed-forward products, and the 768 x 50257 head) on 8 rows (the 2 x 4
batch) and on 1 row, and a read of 622 MiB, timed in eager mode with 2 threads. Prints one line
`name seconds` per figure (best of several rounds). Called by the bench when torch imports.
"""
import sys
import time

sys.dont_write_bytecode = True

import torch  # noqa: E402

torch.set_num_threads(2)
torch.manual_seed(0)
WIDTH, HIDDEN, VOCAB, LAYERS = 768, 3072, 50257, 12


def best(run, rounds=5):
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def layer_weights():
    # query, key, value (no bias), output projection (bias), feed-forward in and out (bias)
    square = [(torch.randn(WIDTH, WIDTH) * 0.02, None) for _ in range(3)] + [(torch.randn(WIDTH, WIDTH) * 0.02, torch.zeros(WIDTH))]
    return square + [(torch.randn(HIDDEN, WIDTH) * 0.02, torch.zeros(HIDDEN)), (torch.randn(WIDTH, HIDDEN) * 0.02, torch.zeros(WIDTH))]


def main():
    layers = [layer_weights() for _ in range(LAYERS)]
    head = torch.randn(VOCAB, WIDTH) * 0.02
    with torch.no_grad():
        for rows in (8, 1):
            x, h = torch.randn(rows, WIDTH), torch.randn(rows, HIDDEN)

            def run_layers():
                for weights in layers:
                    for w, b in weights:
                        torch.nn.functional.linear(h if w.shape[1] == HIDDEN else x, w, b)

            print(f"layers{rows} {best(run_layers)}")
            print(f"head{rows} {best(lambda: torch.nn.functional.linear(x, head))}")
        del layers, head
        values = torch.ones(622 * 1024 * 1024 // 4)
        print(f"read {best(lambda: values.sum())}")


if __name__ == "__main__":
    main()
