import numpy as np, torch
from sum_model import inner_sum
torch.set_num_threads(1)
v=[0.5528360605239868, 1.069316029548645, -0.02231919765472412, 0.26555439829826355, -1.8653874397277832, 0.9086654782295227, -1.3766827583312988, -0.9563901424407959, 1.1303749084472656, 0.294032484292984]
x=np.array(v,np.float32)
print(torch.backends.cpu.get_cpu_capability(), torch.tensor(x).sum().item(), inner_sum(x,8), inner_sum(x,16))
