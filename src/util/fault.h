/* Fault injection for the allocation-failure tests. In the library proper this
 * compiles to nothing; the test build (CXO_FAULT_INJECTION) counts allocations
 * in the calling thread and fails the chosen one. */
#ifndef CXO_UTIL_FAULT_H
#define CXO_UTIL_FAULT_H

#ifdef CXO_FAULT_INJECTION
/* Returns non-zero when this allocation must fail. */
int cxo__fault_alloc_hit(void);
/* Fail the n-th allocation from now (1 = the next one); 0 disables. */
void cxo__fault_alloc_after(long n);
/* Allocations counted since the last cxo__fault_alloc_after(). */
long cxo__fault_alloc_count(void);
/* Non-zero: every allocation from the n-th on fails, not only the n-th. */
void cxo__fault_alloc_persistent(int on);
/* Allocations made to fail since the last cxo__fault_alloc_after(). */
long cxo__fault_alloc_failed(void);
/* Called at each allocation made to fail (a test prints a backtrace). */
void cxo__fault_alloc_on_fail(void (*fn)(void));
#define CXO__FAULT_ALLOC() cxo__fault_alloc_hit()
#else
#define CXO__FAULT_ALLOC() 0
#endif

#endif
