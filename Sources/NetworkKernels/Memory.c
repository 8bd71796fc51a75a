// How freed memory goes back to the system. A training step frees its gradients at `zeroGrad` and
// allocates them again in the next backward pass (256 KiB for each 256 × 256 weight). glibc trims
// the top of its heap when such blocks are freed, so every step would fault the pages in again and
// have the kernel zero them (about a sixth of a wide step's time). Keeping freed memory for reuse,
// as PyTorch's caching allocators do, removes that. The setting is process-wide, so only an
// application asks for it (NetworkEngine's `keepFreedMemoryForReuse`).
#include "NetworkKernels.h"

#include <stdlib.h>  // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <pthread.h>

static void keep(void) {
    // Blocks up to 16 MiB come from the heap, and up to 64 MiB of free heap top stays mapped.
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

void nk_keep_freed_memory(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, keep);
}

void nk_keep_freed_memory_between_pages(void) {
    // Blocks over the mmap threshold (at most 32 MiB: an embedding table is 154 MB) would go
    // back to the system when freed: no block is mapped on its own. Freeing a 124M model leaves
    // 622 MB at the top of the heap; it is kept below 1 GiB, so an idle child holds at most that.
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}
#else
void nk_keep_freed_memory(void) {}
void nk_keep_freed_memory_between_pages(void) {}
#endif
