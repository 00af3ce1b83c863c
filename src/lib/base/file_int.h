/*
** file_int.h - the one file reader of the library (file.c): every loader
** (catalogs, sensor networks, EOP tables, CDMs) opens its input here.
** ow__ prefix, never installed.
**
** What it guarantees, so that no loader has to:
**   - a directory, a device, a FIFO or a socket is refused at open time
**     with its own message ("is a directory"), before any read or
**     allocation ("-" means standard input and may be a pipe);
**   - a missing or unreadable file gives exactly one ow_err (OW_E_IO,
**     "cannot open: <reason>", source = the path, line 0);
**   - a whole-file read is capped (max_bytes): a larger file gives
**     OW_E_TOO_BIG with the cap in the message instead of an attempt to
**     allocate it;
**   - the stream reader keeps a bounded window (records are handed out
**     one window at a time), so a 1 GB catalog does not need 1 GB.
*/
#ifndef ORBWATCH_FILE_INT_H
#define ORBWATCH_FILE_INT_H

#include "internal.h"

#include <stdio.h>

/* Caps used by the loaders (bytes). */
#define OW__FILE_MAX_DOC (512u << 20) /* XML/JSON catalogs, whole document */
#define OW__FILE_MAX_CONFIG (16u << 20) /* sensor networks */
#define OW__FILE_MAX_TABLE (64u << 20)  /* EOP tables, CDMs */

/*
** ow__file_read - the whole of path ("-": standard input) into a new
** NUL-terminated buffer *buf of *len bytes; the caller owns *buf (free).
** Returns OW_OK, OW_E_IO (cannot open, not a regular file, read error),
** OW_E_TOO_BIG (more than max_bytes), OW_E_NOMEM, OW_E_ARG. On failure
** *buf is NULL, *len 0 and err (if not NULL) says why, with err->source
** the path and err->line 0.
*/
int ow__file_read(const char *path, size_t max_bytes, char **buf,
                  size_t *len, ow_err *err);

/*
** ow__stream - a window over a file read front to back.
** The window holds bytes [pos, end) of buf; ow__stream_fill reads more
** (moving the unread part to the front first), ow__stream_take consumes
** n bytes and counts their lines. The window starts at `window` bytes and
** grows only when asked (ow__stream_grow), never beyond `max_window`.
** ow__stream_open/close own buf and the FILE (not stdin).
*/
typedef struct ow__stream {
  FILE *f;
  int own;          /* fclose at close (not stdin) */
  int eof;          /* nothing more to read */
  char *buf;
  size_t cap;       /* allocated bytes of buf (window + 1 for a NUL) */
  size_t max_window;
  size_t pos, end;  /* unread bytes are buf[pos, end) */
  long line;        /* 1-based file line of buf[pos] */
  const char *path;
} ow__stream;

/* Open path ("-": stdin), refusing what ow__file_read refuses. */
int ow__stream_open(ow__stream *s, const char *path, size_t window,
                    size_t max_window, ow_err *err);
/* Read until the window is full or the file ends. OW_OK or OW_E_IO. */
int ow__stream_fill(ow__stream *s, ow_err *err);
/* Double the window (up to max_window); OW_E_TOO_BIG when at the cap. */
int ow__stream_grow(ow__stream *s);
/* Consume n bytes of the window (n <= end - pos), counting newlines. */
void ow__stream_take(ow__stream *s, size_t n);
void ow__stream_close(ow__stream *s); /* NULL-safe, idempotent */

#endif
