/* STUB: to be replaced by the real stage. */
#include "tc_internal.h"

int tc_scan_markers(tc_doc *doc) { (void)doc; return TC_OK; }
