#include "CPasswordHash.h"

#include <crypt.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

unsigned int cph_digest(const char *name, const unsigned char *data, size_t length, unsigned char *out) {
    const EVP_MD *md = EVP_get_digestbyname(name);
    unsigned int size = 0;
    if (md == NULL || EVP_Digest(data, length, out, &size, md, NULL) != 1) return 0;
    return size;
}

int cph_crypt(const char *phrase, const char *setting, char *out, size_t out_size) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (data == NULL) return 0;
    const char *hash = crypt_r(phrase, setting, data);
    int ok = hash != NULL && hash[0] != '*' && strlen(hash) < out_size;
    if (ok) memcpy(out, hash, strlen(hash) + 1);
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return ok;
}
