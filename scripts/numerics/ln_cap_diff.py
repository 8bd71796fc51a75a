import sys, numpy as np, torch
torch.set_num_threads(1)
rng = np.random.default_rng(1)
X = rng.standard_normal((200, 768)).astype(np.float32); g = (1 + 0.5 * rng.standard_normal(768)).astype(np.float32); b = (0.2 * rng.standard_normal(768)).astype(np.float32)
Y = torch.nn.functional.layer_norm(torch.from_numpy(X), [768], torch.from_numpy(g), torch.from_numpy(b)).numpy()
np.save(sys.argv[1], Y)
