#ifndef HANDBOOK_CZLIB_SHIM_H
#define HANDBOOK_CZLIB_SHIM_H
#include <zlib.h>
#endif
