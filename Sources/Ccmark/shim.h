#ifndef HANDBOOK_CCMARK_SHIM_H
#define HANDBOOK_CCMARK_SHIM_H
#include <cmark.h>
#endif
