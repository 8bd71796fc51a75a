"""PyTorch's side of `engine-bench gpt`: a 124M GPT of the chapter's shape written out here
(token and position embeddings, 12 pre-norm blocks of causal attention and a GELU feed-forward,
a final norm, a bias-free head), timed in eager mode with 2 threads: building it after
manual_seed(123), the 2 x 4 batch's forward in training mode (first run, then best of 3), greedy
generation of 6 tokens in eval mode, and this process's peak resident memory. Prints
`name value` lines (seconds, bytes). Called by the bench when torch imports.
"""
import math
import resource
import sys
import time

sys.dont_write_bytecode = True

import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(2)
VOCAB, CONTEXT, WIDTH, HEADS, LAYERS, DROP = 50257, 1024, 768, 12, 12, 0.1


class Norm(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(width))
        self.shift = nn.Parameter(torch.zeros(width))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        variance = x.var(dim=-1, keepdim=True, unbiased=False)
        return self.scale * ((x - mean) / torch.sqrt(variance + 1e-5)) + self.shift


class TanhGELU(nn.Module):
    def forward(self, x):
        root = torch.sqrt(torch.tensor(2.0 / math.pi))
        return 0.5 * x * (1 + torch.tanh(root * (x + 0.044715 * torch.pow(x, 3))))


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.W_query = nn.Linear(WIDTH, WIDTH, bias=False)
        self.W_key = nn.Linear(WIDTH, WIDTH, bias=False)
        self.W_value = nn.Linear(WIDTH, WIDTH, bias=False)
        self.out_proj = nn.Linear(WIDTH, WIDTH)
        self.dropout = nn.Dropout(DROP)
        self.register_buffer("mask", torch.triu(torch.ones(CONTEXT, CONTEXT), diagonal=1))

    def forward(self, x):
        b, n, _ = x.shape
        head = WIDTH // HEADS

        def split(t):
            return t.view(b, n, HEADS, head).transpose(1, 2)

        k, q, v = split(self.W_key(x)), split(self.W_query(x)), split(self.W_value(x))
        scores = q @ k.transpose(2, 3)
        scores.masked_fill_(self.mask.bool()[:n, :n], -torch.inf)
        weights = self.dropout(torch.softmax(scores / head**0.5, dim=-1))
        return self.out_proj((weights @ v).transpose(1, 2).contiguous().view(b, n, WIDTH))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.att = Attention()
        self.ff = nn.Sequential(nn.Linear(WIDTH, 4 * WIDTH), TanhGELU(), nn.Linear(4 * WIDTH, WIDTH))
        self.norm1, self.norm2 = Norm(WIDTH), Norm(WIDTH)
        self.drop_shortcut = nn.Dropout(DROP)

    def forward(self, x):
        x = x + self.drop_shortcut(self.att(self.norm1(x)))
        return x + self.drop_shortcut(self.ff(self.norm2(x)))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok_emb = nn.Embedding(VOCAB, WIDTH)
        self.pos_emb = nn.Embedding(CONTEXT, WIDTH)
        self.drop_emb = nn.Dropout(DROP)
        self.trf_blocks = nn.Sequential(*[Block() for _ in range(LAYERS)])
        self.final_norm = Norm(WIDTH)
        self.out_head = nn.Linear(WIDTH, VOCAB, bias=False)

    def forward(self, ids):
        x = self.tok_emb(ids) + self.pos_emb(torch.arange(ids.shape[1]))
        return self.out_head(self.final_norm(self.trf_blocks(self.drop_emb(x))))


def main():
    start = time.perf_counter()
    torch.manual_seed(123)
    model = GPT()
    print("build", time.perf_counter() - start)
    batch = torch.tensor([[6109, 3626, 6100, 345], [6109, 1110, 6622, 257]])
    times = []
    for _ in range(4):
        start = time.perf_counter()
        model(batch)
        times.append(time.perf_counter() - start)
    print("forward", min(times))
    model.eval()
    ids = torch.tensor([[15496, 11, 314, 716]])
    start = time.perf_counter()
    for _ in range(6):
        with torch.no_grad():
            logits = model(ids[:, -CONTEXT:])[:, -1, :]
        ids = torch.cat((ids, torch.argmax(torch.softmax(logits, dim=-1), dim=-1, keepdim=True)), dim=1)
    print("generate", time.perf_counter() - start)
    print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    if ids[0, 4:].tolist() != [27018, 24086, 47843, 30961, 42348, 7267]:
        # Figures from a model that is not the chapter's are no comparison: fail.
        sys.exit(f"bench-gpt.py: error: generated {ids[0, 4:].tolist()}, not the chapter's ids")


if __name__ == "__main__":
    main()
