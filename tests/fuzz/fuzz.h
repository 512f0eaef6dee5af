/* Shared by the libFuzzer harnesses: a finding is reported with abort(), which
 * libFuzzer records as a crash (and keeps the input as crash-<sha1>). */
#ifndef CXO_FUZZ_H
#define CXO_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cxotrack.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

__attribute__((format(printf, 1, 2), noreturn)) static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "\n==FINDING== ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

#define FUZZ_CHECK(cond, ...)                                                                             \
	do {                                                                                                  \
		if (!(cond))                                                                                      \
			fuzz_fail(__VA_ARGS__);                                                                       \
	} while (0)

/* The last failure is reported consistently: the code returned is
 * cxo_errcode(), and the message says something. */
static inline void fuzz_check_error(int rc, const char *what)
{
	FUZZ_CHECK(cxo_errcode() == rc, "%s returned %d but cxo_errcode() is %d (%s)", what, rc, cxo_errcode(),
	           cxo_errmsg());
	FUZZ_CHECK(cxo_errmsg() && cxo_errmsg()[0], "%s returned %d with an empty message", what, rc);
}

#endif
