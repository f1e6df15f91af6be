/* STUB: to be replaced by the real stage. */
#include "tc_internal.h"

int tc_detect_lang(tc_doc *doc) { (void)doc; return TC_OK; }
