/* kefu.h on its own, compiled as strict C99: the header must not need anything else. */
#include "kefu/kefu.h"

int kefu_header_compiles_as_c99(void);
int kefu_header_compiles_as_c99(void) { return KEFU_ABI_VERSION; }
