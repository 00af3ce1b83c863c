/*
** check.h - the test harness: a few macros and a closing tally.
**
**   CHECK(cond)                  cond must hold
**   CHECK_EQ_INT(got, want)      prints both on failure (libuv ASSERT_EQ)
**   CHECK_NEAR(got, want, tol)   |got - want| <= tol (ERFA vvd style)
**   CHECK_STR(got, want)         strcmp == 0
**   return check_done();         prints "N passed, N failed", exit status
**
** Failures print file:line and go on, so one run shows every failure.
*/
#ifndef OW_CHECK_H
#define OW_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long check_passed_, check_failed_;

#define CHECK_FAIL_(...)                                              \
  do {                                                                \
    check_failed_++;                                                  \
    fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);             \
    fprintf(stderr, __VA_ARGS__);                                     \
    fputc('\n', stderr);                                              \
  } while (0)

#define CHECK(c)                                                      \
  do {                                                                \
    if (c)                                                            \
      check_passed_++;                                                \
    else                                                              \
      CHECK_FAIL_("%s", #c);                                          \
  } while (0)

#define CHECK_EQ_INT(got, want)                                       \
  do {                                                                \
    long long g_ = (long long)(got), w_ = (long long)(want);          \
    if (g_ == w_)                                                     \
      check_passed_++;                                                \
    else                                                              \
      CHECK_FAIL_("%s: want %lld got %lld", #got, w_, g_);            \
  } while (0)

#define CHECK_NEAR(got, want, tol)                                    \
  do {                                                                \
    double g_ = (double)(got), w_ = (double)(want), t_ = (tol);       \
    if (fabs(g_ - w_) <= t_)                                          \
      check_passed_++;                                                \
    else                                                              \
      CHECK_FAIL_("%s: want %.17g got %.17g tol %g (diff %g)", #got,  \
                  w_, g_, t_, g_ - w_);                               \
  } while (0)

#define CHECK_STR(got, want)                                          \
  do {                                                                \
    const char *g_ = (got), *w_ = (want);                             \
    if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)              \
      check_passed_++;                                                \
    else                                                              \
      CHECK_FAIL_("%s: want \"%s\" got \"%s\"", #got,                 \
                  w_ ? w_ : "(null)", g_ ? g_ : "(null)");            \
  } while (0)

/*
** CHECK_SANITIZED is 1 in AddressSanitizer builds (gcc's and clang's
** spellings), where code runs several times slower: heavy tests sample
** their inputs more sparsely there.
*/
#if defined(__SANITIZE_ADDRESS__)
#define CHECK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHECK_SANITIZED 1
#endif
#endif
#ifndef CHECK_SANITIZED
#define CHECK_SANITIZED 0
#endif

#ifdef OW_SHARED_DATA
/* The reference data folder: $OW_SHARED_DATA if set and not empty, else
** the path CMake compiled in. */
static inline const char *check_shared_dir(void)
{
  const char *d = getenv("OW_SHARED_DATA");
  return d != NULL && d[0] != '\0' ? d : OW_SHARED_DATA;
}
#endif

static inline int check_done(void)
{
  printf("%ld passed, %ld failed\n", check_passed_, check_failed_);
  return check_failed_ == 0 && check_passed_ > 0 ? 0 : 1;
}

/* Read a whole file into a malloc'ed NUL-terminated buffer (tests only). */
static inline char *check_read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL)
    return NULL;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      size_t ncap = cap ? cap * 2 : 1 << 20;
      char *nb = realloc(buf, ncap);
      if (nb == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
      cap = ncap;
    }
    size_t k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (k == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  if (len)
    *len = n;
  return buf;
}

#endif
