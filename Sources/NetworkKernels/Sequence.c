// The per-thread counter behind `nk_next_sequence` (NetworkKernels.h).
#include "NetworkKernels.h"

_Thread_local long nk_last_sequence = 0;
