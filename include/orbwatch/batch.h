/*
** orbwatch/batch.h - batch SGP4/SDP4: many objects over many times, SIMD
** and threads, the same numbers as ow_sgp4_propagate.
**
** A batch is built once from prepared models (ow_sgp4_init) and is
** read-only afterwards, so one batch can serve several threads.
** ow_batch_propagate does build, run and free in one call. Objects
** are regrouped by method (near-earth simple, near-earth full, deep space,
** 24 h and 12 h resonance) in blocks of 8, so that a vector lane never
** evaluates a branch of the theory it does not need. The vector width is
** chosen at run time from what the CPU runs (AVX-512, AVX2+FMA, SSE2) and
** can be forced (ow_batch_set_isa), which the tests do for each.
**
** Results go to caller-owned structure-of-arrays output (ow_batch_out):
** element (object i, time k) is at index k * ld + i, objects in the order
** the models were given. Each state has its own status: OW_OK or the
** OW_E_SGP4_* of the scalar model (states are zeroed where the scalar
** model zeroes them, and kept for OW_E_SGP4_DECAYED).
**
** Agreement with ow_sgp4_propagate (checked by tests/unit/test_batch.c for
** every catalog and ISA): position within 1e-6 km, velocity within 1e-9
** km/s, identical status codes. Accuracy of the vector functions:
** src/lib/prop/vmath.h and docs/batch.md.
*/
#ifndef ORBWATCH_BATCH_H
#define ORBWATCH_BATCH_H

#include "orbwatch/common.h"
#include "orbwatch/frames.h"
#include "orbwatch/sgp4.h"
#include "orbwatch/time.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Instruction sets of the batch kernel. */
typedef enum ow_batch_isa {
  OW_ISA_AUTO = 0, /* the widest the CPU runs */
  OW_ISA_SSE2 = 1, /* 2 lanes, x86-64 baseline */
  OW_ISA_AVX2 = 2, /* 4 lanes, AVX2 + FMA */
  OW_ISA_AVX512 = 3 /* 8 lanes, AVX-512F/DQ */
} ow_batch_isa;

/* Name ("sse2", "avx2", "avx512", "auto") and parse of an ISA. */
OW_API const char *ow_batch_isa_name(ow_batch_isa isa);
OW_API int ow_batch_isa_parse(const char *name, ow_batch_isa *isa);
/* 1 if this CPU (and build) can run isa, else 0. AUTO is always 1. */
OW_API int ow_batch_isa_supported(ow_batch_isa isa);

/* Caller-allocated; fields are private (use the functions). */
typedef struct ow_batch {
  void *blocks_;       /* ow__bblock[nblocks_], 64-byte aligned */
  size_t nblocks_;
  size_t n;            /* number of objects */
  ow_batch_isa isa;    /* resolved ISA in use (never AUTO) */
  int threads;         /* OpenMP threads, 0: OpenMP's default */
  size_t count_by_method[4]; /* objects per ow_sgp4_method */
} ow_batch;

/*
** ow_batch_init - build a batch from n prepared models.
**
** Given:    models  const ow_sgp4*  n models from ow_sgp4_init (copied
**                                   from; the batch keeps no pointer)
**           n       size_t          number of models (0 allowed)
** Returned: b       ow_batch*       the batch; owns its memory until
**                                   ow_batch_free
** Returns:  OW_OK, OW_E_NOMEM, OW_E_ARG (NULL pointers with n > 0).
** Notes:    Uses the widest ISA the CPU runs and OpenMP's default number
**           of threads; change with ow_batch_set_isa / _set_threads.
*/
OW_API int ow_batch_init(ow_batch *b, const ow_sgp4 *models, size_t n,
                         ow_err *err);
/* Release the batch's memory (NULL-safe; b may be reused by _init). */
OW_API void ow_batch_free(ow_batch *b);

/* Force an ISA; OW_E_UNSUPPORTED if the CPU or build cannot run it. */
OW_API int ow_batch_set_isa(ow_batch *b, ow_batch_isa isa);
/* Number of threads (0: OpenMP's default, 1: the calling thread only). */
OW_API void ow_batch_set_threads(ow_batch *b, int threads);

/*
** Output arrays (caller-owned, each holding at least (nt-1)*ld + n
** elements for nt times): element (object i, time k) at [k * ld + i].
** Any of the six state pointers and status may be NULL (not written).
*/
typedef struct ow_batch_out {
  double *x_km, *y_km, *z_km;          /* position */
  double *vx_km_s, *vy_km_s, *vz_km_s; /* velocity */
  int *status; /* OW_OK or OW_E_SGP4_*, per state */
  size_t ld;   /* leading dimension, >= the batch's n */
} ow_batch_out;

/*
** ow_batch_tsince - TEME states of every object at nt times given in
** minutes from each object's own epoch (as ow_sgp4_propagate takes them).
** Returns OW_OK (per-state outcomes are in out->status) or OW_E_ARG.
*/
OW_API int ow_batch_tsince(const ow_batch *b, const double *tsince_min,
                           size_t nt, const ow_batch_out *out);

/*
** ow_batch_at - states of every object at nt UTC instants (nt = 1: one
** snapshot of the catalog). Each object is propagated from its own epoch.
** frame: OW_FRAME_TEME, OW_FRAME_PEF or OW_FRAME_ITRF; for the two
** Earth-fixed frames the rotation (GMST 1982 with UT1 from eop, polar
** motion for ITRF, the Earth-rotation term in velocities) comes from the
** frames module and is computed once per instant. eop may be NULL (UT1 =
** UTC, no polar motion).
** Returns OW_OK, OW_E_ARG, OW_E_UNSUPPORTED (other frames), OW_E_NOMEM, or
** a warning of the frames module (OW_W_EOP_RANGE) with the states written.
*/
OW_API int ow_batch_at(const ow_batch *b, const ow_jd *jd_utc, size_t nt,
                       ow_frame frame, const ow_eop *eop,
                       const ow_batch_out *out);

/*
** ow_batch_propagate - one call: n models at nt times (minutes from each
** model's own epoch), TEME, into out; the same numbers as calling
** ow_sgp4_propagate for every (model, time). Builds a temporary batch
** (freed before returning) and uses every core; for repeated calls on the
** same models, keep an ow_batch instead.
** Returns OW_OK, OW_E_ARG, OW_E_NOMEM.
*/
OW_API int ow_batch_propagate(const ow_sgp4 *models, size_t n,
                              const double *tsince_min, size_t nt,
                              const ow_batch_out *out, ow_err *err);

/* A regular UTC time grid: instant k is start_utc + k * step_s. */
typedef struct ow_time_grid {
  ow_jd start_utc;
  double step_s;
  size_t n;
} ow_time_grid;

/* Instant k of a grid as a two-part JD (day kept from start_utc). */
OW_API ow_jd ow_time_grid_at(const ow_time_grid *g, size_t k);

/*
** ow_batch_grid - steps [k0, k0 + nk) of a grid into out (row k - k0).
** The chunked form: a caller walks a long grid by calling it with
** successive k0 and a buffer of nk rows. Returns as ow_batch_at.
*/
OW_API int ow_batch_grid(const ow_batch *b, const ow_time_grid *g,
                         size_t k0, size_t nk, ow_frame frame,
                         const ow_eop *eop, const ow_batch_out *out);

/*
** ow_batch_stream - walk a grid in chunks of a few steps, with buffers the
** stream owns: memory is chunk_steps * n * (6 doubles + 1 int) whatever
** the grid's length.
**
**   ow_batch_stream s;
**   ow_batch_stream_init(&s, &batch, &grid, 60, OW_FRAME_TEME, NULL, err);
**   while (ow_batch_stream_next(&s) > 0) {
**     use s.out (rows 0 .. s.nk-1) for grid steps s.k0 .. s.k0+s.nk-1
**   }
**   ow_batch_stream_free(&s);
**
** The batch and eop must outlive the stream.
*/
typedef struct ow_batch_stream {
  const ow_batch *batch;
  ow_time_grid grid;
  ow_frame frame;
  const ow_eop *eop;
  size_t chunk; /* steps per chunk */
  size_t k0;    /* first grid step of the current chunk */
  size_t nk;    /* steps in the current chunk */
  size_t next_; /* first step of the next chunk */
  ow_batch_out out; /* the current chunk; ld = batch->n */
  int status;   /* status of the last ow_batch_grid call */
} ow_batch_stream;

/* Allocates the chunk buffers (owned by s until ow_batch_stream_free). */
OW_API int ow_batch_stream_init(ow_batch_stream *s, const ow_batch *b,
                                const ow_time_grid *g, size_t chunk_steps,
                                ow_frame frame, const ow_eop *eop,
                                ow_err *err);
/* Compute the next chunk: returns its number of steps, 0 at the end, or a
** negative status on error. */
OW_API long ow_batch_stream_next(ow_batch_stream *s);
OW_API void ow_batch_stream_free(ow_batch_stream *s); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
