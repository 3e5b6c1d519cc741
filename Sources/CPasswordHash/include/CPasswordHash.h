/*
 * CPasswordHash: the system's password hashing, for the opt-in weak-password check
 * (`--weak-passwords FILE`): message digests from OpenSSL's libcrypto (Debian libssl-dev) and
 * crypt(3) from libxcrypt (Debian libcrypt-dev), which knows every {CRYPT} variant the
 * directory may hold (DES, MD5, SHA-256/512, bcrypt, yescrypt).
 */
#ifndef CPASSWORDHASH_H
#define CPASSWORDHASH_H
#include <stddef.h>

/* Digest of `data` with the OpenSSL digest named `name` ("SHA1", "MD5", "SHA256", "SHA384",
 * "SHA512") into `out` (at least 64 bytes). Returns the digest length, or 0 on failure. */
unsigned int cph_digest(const char *name, const unsigned char *data, size_t length, unsigned char *out);

/* crypt(3) of `phrase` with `setting` (a stored hash) into `out` (at least 512 bytes).
 * Returns 1 when crypt produced a hash (compare it to the stored one), 0 when the setting is
 * not one libxcrypt knows. The work area is wiped before returning. */
int cph_crypt(const char *phrase, const char *setting, char *out, size_t out_size);

#endif
