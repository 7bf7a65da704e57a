#ifndef HANDBOOK_CMINIZIP_SHIM_H
#define HANDBOOK_CMINIZIP_SHIM_H
#include <zip.h>
#endif
