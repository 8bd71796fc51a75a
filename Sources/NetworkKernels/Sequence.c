// The per-thread autograd state behind `nk_next_sequence` and `nk_grad_enabled` (NetworkKernels.h).
#include "NetworkKernels.h"

_Thread_local long nk_last_sequence = 0;
_Thread_local int nk_grad_disabled = 0;
