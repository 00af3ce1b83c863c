/*
** orbwatch/common.h - status codes, error detail, Julian dates, export macro.
**
** Every public function of liborbwatch returns an int status from the list
** below: OW_OK (0), a negative error, or a positive warning (ERFA's +/-
** convention: a warning means the result is usable but deserves a note).
** Detail goes into an optional caller-owned ow_err; the library never prints.
*/
#ifndef ORBWATCH_COMMON_H
#define ORBWATCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Library version; the same as the CMake project VERSION and the shared
** library's file name (liborbwatch.so.0.1.0); a test checks both. */
#define OW_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(OW_BUILDING_LIB) && defined(__GNUC__)
#define OW_API __attribute__((visibility("default")))
#else
#define OW_API
#endif

/*
** The one status list (libuv style). Add new codes at the end of their
** group and never renumber: the numbers are part of the CLI's contract
** (exit codes, the `status` column).
**
** The SGP4 errors are -100 - k where k is the error code of the reference
** implementation (Vallado et al. 2006), so ow_sgp4_refcode() can recover k.
*/
#define OW_STATUS_LIST(X)                                                     \
  X(OK, 0, "success")                                                         \
  X(W_CHECKSUM, 1, "accepted despite a wrong checksum")                       \
  X(W_EOP_RANGE, 2, "time outside the Earth-orientation table; edge values used") \
  X(W_LEAP_DUBIOUS, 3, "leap-second table may be out of date for this time")  \
  X(W_PRECISION, 4, "value rounded to fit the output format")                 \
  X(W_LENIENT, 5, "accepted despite format violations (lenient mode)")        \
  X(W_INCONSISTENT, 6, "values of the input contradict each other")          \
  X(E_NOMEM, -1, "out of memory")                                             \
  X(E_IO, -2, "input/output error")                                           \
  X(E_ARG, -3, "invalid argument")                                            \
  X(E_PARSE, -4, "malformed input")                                           \
  X(E_RANGE, -5, "value out of range")                                        \
  X(E_CHECKSUM, -6, "checksum mismatch")                                      \
  X(E_UNSUPPORTED, -7, "unsupported feature or format")                       \
  X(E_NOT_FOUND, -8, "not found")                                             \
  X(E_TOO_BIG, -9, "value does not fit the output format")                    \
  X(E_EMPTY, -10, "no records in input")                                      \
  X(E_NOT_PD, -11, "covariance not positive definite")                        \
  X(E_METHOD_INVALID, -12, "method outside its domain of validity")           \
  X(E_DEGENERATE, -13, "degenerate geometry (no encounter plane)")            \
  X(E_SGP4_MEAN_ECC, -101, "SGP4 error 1: mean eccentricity not in [0,1)")    \
  X(E_SGP4_MEAN_MOTION, -102, "SGP4 error 2: mean motion not positive")       \
  X(E_SGP4_PERT_ECC, -103, "SGP4 error 3: perturbed eccentricity not in [0,1]") \
  X(E_SGP4_SEMI_LATUS, -104, "SGP4 error 4: semi-latus rectum negative")      \
  X(E_SGP4_SUBORBITAL, -105, "SGP4 error 5: epoch elements sub-orbital")      \
  X(E_SGP4_DECAYED, -106, "SGP4 error 6: satellite has decayed")            \
  X(E_SGP4_IMPLAUSIBLE, -107, "SGP4 state physically implausible (not "       \
    "finite, beyond 1.5 million km, or above 1.5 times the escape speed)")

enum ow_status {
#define OW__STATUS_ENUM(name, value, text) OW_##name = value,
  OW_STATUS_LIST(OW__STATUS_ENUM)
#undef OW__STATUS_ENUM
};

/* Text for a status code; never NULL ("unknown status" for others). */
OW_API const char *ow_strerror(int status);

/* Symbolic name of a status ("E_PARSE"); never NULL. */
OW_API const char *ow_status_name(int status);

/*
** ow_err - detail of a failure, filled by the library when the caller
** passes a non-NULL pointer. `source` and `line` locate the record (set by
** loaders that know them; empty/0 for bare buffers), `field` names the place
** inside it ("line 2 column 27-33", "ECCENTRICITY"), `msg` gives the reason
** with the offending value ("eccentricity \"12x4567\" is not a number").
*/
typedef struct ow_err {
  int code;
  long line;       /* 1-based line number in source, 0 when unknown */
  char source[256];
  char field[64];
  char msg[256];
} ow_err;

/* Clear an ow_err (code OW_OK, empty strings). NULL-safe. */
OW_API void ow_err_clear(ow_err *err);

/*
** Set code, field and printf-style message. NULL-safe (then only returns
** code). Returns code so callers can write `return ow_err_set(...)`.
*/
OW_API int ow_err_set(ow_err *err, int code, const char *field,
                      const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
** Format as "source:line: field: msg" (parts that are empty are left out)
** into buf of size n; returns buf.
*/
OW_API char *ow_err_format(const ow_err *err, char *buf, size_t n);

/*
** Two-part Julian date (ERFA convention): the date is day + frac. The time
** scale is carried by the variable's name (jd_utc, jd_tt...). orbwatch keeps
** `day` on a midnight boundary (xxx.5) and 0 <= frac < 1 where it builds the
** value itself, which keeps sub-microsecond resolution.
*/
typedef struct ow_jd {
  double day;
  double frac;
} ow_jd;

#ifdef __cplusplus
}
#endif
#endif
