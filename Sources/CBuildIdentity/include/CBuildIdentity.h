#ifndef LECTERN_BUILD_IDENTITY_H
#define LECTERN_BUILD_IDENTITY_H

#include <stddef.h>

/// Copies the running executable's GNU build-id (the linker's hash of its contents) into
/// `buffer` and returns its length; 0 when the executable has none (or on a system without ELF).
size_t lectern_executable_build_id(unsigned char *buffer, size_t capacity);

#endif
