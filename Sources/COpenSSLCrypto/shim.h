// SHA-256 from Debian's libcrypto (libssl-dev): the one-shot digest is all the cache needs.
#include <openssl/sha.h>
