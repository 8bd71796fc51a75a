// Mapping a large tensor's pages before it is filled. A 124M model's weights are 622 MB of fresh
// memory: written a value at a time, that is 150,000 page faults, each a trap into the kernel
// (on this project's virtual machines the largest part of building the model). Asking the
// kernel to map the whole block in one call (`MADV_POPULATE_WRITE`, Linux 5.14) costs a fifth
// to a third less. (Transparent huge pages were tried: where the kernel compacts memory for
// them on request, filling took ten times longer.) A hint: nothing changes where unsupported.
#include "NetworkKernels.h"

#if defined(__linux__)
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

void nk_prefault(void *address, long bytes) {
    // Small blocks come from memory the allocator already holds.
    if (bytes < (1L << 20)) return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = ((uintptr_t)address + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)address + (uintptr_t)bytes) & ~(page - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}
#else
void nk_prefault(void *address, long bytes) {
    (void)address;
    (void)bytes;
}
#endif
