#ifndef HANDBOOK_CLIBDEFLATE_SHIM_H
#define HANDBOOK_CLIBDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
