#if defined(__linux__)
#define _GNU_SOURCE  // dl_iterate_phdr
#endif
#include "CBuildIdentity.h"

#if defined(__linux__)
#include <elf.h>
#include <link.h>
#include <string.h>

struct search {
    unsigned char *buffer;
    size_t capacity;
    size_t length;
};

// Aligns a note's name or description size to the 4 bytes ELF notes use.
static size_t note_align(size_t size) { return (size + 3) & ~(size_t)3; }

// dl_iterate_phdr reports the executable first; its notes are mapped, so nothing is read from disk.
static int read_first_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct search *search = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + header->p_vaddr);
        const unsigned char *end = note + header->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            const unsigned char *description = name + note_align(entry->n_namesz);
            if (description + entry->n_descsz > end) break;
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                size_t length = entry->n_descsz < search->capacity ? entry->n_descsz : search->capacity;
                memcpy(search->buffer, description, length);
                search->length = length;
                return 1;
            }
            note = description + note_align(entry->n_descsz);
        }
    }
    return 1;  // Only the executable itself counts, not the libraries it loaded.
}

size_t lectern_executable_build_id(unsigned char *buffer, size_t capacity) {
    struct search search = {buffer, capacity, 0};
    dl_iterate_phdr(read_first_object, &search);
    return search.length;
}
#else
size_t lectern_executable_build_id(unsigned char *buffer, size_t capacity) {
    (void)buffer;
    (void)capacity;
    return 0;
}
#endif
