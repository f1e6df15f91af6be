/* DOI normalisation through the public C API (tc_doi_normalize). */
#include "tc_test.h"
#include "trialcite.h"

static void norm_ok(const char *in, const char *want)
{
    char out[512];
    size_t n = 0;
    int rc = tc_doi_normalize(in, strlen(in), out, sizeof out, &n);
    CHECKF(rc == TC_OK && strcmp(out, want) == 0 && n == strlen(want), "%s -> rc %d \"%s\" (want \"%s\")", in, rc, out, want);
}

static void norm_bad(const char *in)
{
    char out[512];
    size_t n = 0;
    int rc = tc_doi_normalize(in, strlen(in), out, sizeof out, &n);
    CHECKF(rc == TC_EPARSE && out[0] == '\0', "%s should not be a DOI (rc %d, \"%s\")", in, rc, out);
}

int main(void)
{
    TEST_BEGIN("doi forms");
    norm_ok("10.1001/jamapsychiatry.2023.5138", "10.1001/jamapsychiatry.2023.5138");
    norm_ok("doi:10.1001/JAMAPSYCHIATRY.2020.2369", "10.1001/jamapsychiatry.2020.2369");
    norm_ok("DOI 10.1001/jamapsychiatry.2020.2369", "10.1001/jamapsychiatry.2020.2369");
    norm_ok("https://doi.org/10.1001/jamapsychiatry.2023.5138", "10.1001/jamapsychiatry.2023.5138");
    norm_ok("HTTP://DX.DOI.ORG/10.1001/jamapsychiatry.2023.5138", "10.1001/jamapsychiatry.2023.5138");
    norm_ok(" doi.org/10.1001/x.y ", "10.1001/x.y");
    TEST_END();

    TEST_BEGIN("doi trailing punctuation and brackets");
    norm_ok("10.1001/jamapsychiatry.2023.5138.", "10.1001/jamapsychiatry.2023.5138");
    norm_ok("10.1001/jamapsychiatry.2023.5138);", "10.1001/jamapsychiatry.2023.5138");
    norm_ok("10.1016/S0140-6736(20)30183-5", "10.1016/s0140-6736(20)30183-5");
    norm_ok("10.1016/S0140-6736(20)30183-5).", "10.1016/s0140-6736(20)30183-5");
    TEST_END();

    TEST_BEGIN("doi percent-decoding from URLs only, ASCII-only case folding");
    norm_ok("https://doi.org/10.1002/%28SICI%291097", "10.1002/(sici)1097");
    norm_ok("10.1000/a%20b", "10.1000/a%20b");
    norm_ok("10.5555/\xC3\x84" "BC", "10.5555/\xC3\x84" "bc");
    TEST_END();

    TEST_BEGIN("not DOIs");
    norm_bad("");
    norm_bad("10.1000");
    norm_bad("10.1000/");
    norm_bad("10./abc");
    norm_bad("11.1000/abc");
    norm_bad("10.1000/a b");
    norm_bad("https://doi.org/10.1000/a%0Ab");
    norm_bad("https://example.org/10.1000/x");
    TEST_END();

    TEST_BEGIN("doi output buffer too small");
    char small[8];
    CHECK(tc_doi_normalize("10.1001/jamapsychiatry", 22, small, sizeof small, NULL) == TC_EPARSE);
    CHECK(tc_doi_normalize(NULL, 0, small, sizeof small, NULL) == TC_EINVAL);
    TEST_END();
    return tc_test_failed;
}
