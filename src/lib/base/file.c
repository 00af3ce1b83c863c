/*
** file.c - the library's one way into files: ow__file_read (a whole,
** capped file) and ow__stream (a bounded window read front to back).
** See file_int.h for what both refuse and report.
*/
#include "file_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int file_fail(ow_err *err, const char *path, int code,
                     const char *fmt, const char *what)
{
  if (err != NULL) {
    ow_err_set(err, code, "", fmt, what);
    err->line = 0;
    snprintf(err->source, sizeof err->source, "%s", path ? path : "");
  }
  return code;
}

/* What a non-regular file is, for the message; NULL for a regular file. */
static const char *kind_of(mode_t m)
{
  if (S_ISREG(m))
    return NULL;
  if (S_ISDIR(m))
    return "is a directory";
  if (S_ISCHR(m) || S_ISBLK(m))
    return "is a device";
  if (S_ISFIFO(m))
    return "is a FIFO (named pipe); give a regular file or '-' for "
           "standard input";
  if (S_ISSOCK(m))
    return "is a socket";
  return "is not a regular file";
}

/*
** Open path for reading and check its type before anything is read. A
** FIFO is opened with O_NONBLOCK so that the check cannot hang waiting
** for a writer; the flag is cleared again for regular files.
*/
static int open_checked(const char *path, FILE **out, int *own,
                        ow_err *err)
{
  struct stat sb;
  int fd, fl;
  FILE *f;
  *out = NULL;
  *own = 0;
  if (path == NULL)
    return file_fail(err, path, OW_E_ARG, "%s", "no path");
  if (strcmp(path, "-") == 0) {
    *out = stdin;
    return OW_OK;
  }
  fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0)
    return file_fail(err, path, OW_E_IO, "cannot open: %s", strerror(errno));
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    return file_fail(err, path, OW_E_IO, "cannot open: %s", strerror(e));
  }
  if (kind_of(sb.st_mode) != NULL) {
    close(fd);
    return file_fail(err, path, OW_E_IO, "%s", kind_of(sb.st_mode));
  }
  fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  f = fdopen(fd, "rb");
  if (f == NULL) {
    int e = errno;
    close(fd);
    return file_fail(err, path, OW_E_IO, "cannot open: %s", strerror(e));
  }
  *out = f;
  *own = 1;
  return OW_OK;
}

int ow__file_read(const char *path, size_t max_bytes, char **buf,
                  size_t *len, ow_err *err)
{
  FILE *f;
  int own, st;
  char *p = NULL;
  size_t n = 0, cap = 0;
  if (buf != NULL)
    *buf = NULL;
  if (len != NULL)
    *len = 0;
  if (buf == NULL || len == NULL)
    return file_fail(err, path, OW_E_ARG, "%s", "no output pointer");
  st = open_checked(path, &f, &own, err);
  if (st != OW_OK)
    return st;
  /* A regular file's size is known: refuse it before reading. */
  if (own) {
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && (uintmax_t)sb.st_size > max_bytes) {
      char msg[96];
      fclose(f);
      snprintf(msg, sizeof msg, "%zu", max_bytes);
      return file_fail(err, path, OW_E_TOO_BIG,
                       "file larger than the %s bytes this reader accepts",
                       msg);
    }
  }
  for (;;) {
    size_t k;
    if (n == cap) {
      size_t ncap = cap == 0 ? 65536 : cap * 2;
      char *q;
      if (cap >= max_bytes + 1) {
        char msg[32];
        free(p);
        if (own)
          fclose(f);
        snprintf(msg, sizeof msg, "%zu", max_bytes);
        return file_fail(err, path, OW_E_TOO_BIG,
                         "input larger than the %s bytes this reader "
                         "accepts", msg);
      }
      if (ncap > max_bytes + 1)
        ncap = max_bytes + 1;
      q = realloc(p, ncap + 1);
      if (q == NULL) {
        free(p);
        if (own)
          fclose(f);
        return file_fail(err, path, OW_E_NOMEM, "%s", "out of memory");
      }
      p = q;
      cap = ncap;
    }
    k = fread(p + n, 1, cap - n, f);
    n += k;
    if (k == 0)
      break;
  }
  if (ferror(f)) {
    int e = errno;
    free(p);
    if (own)
      fclose(f);
    return file_fail(err, path, OW_E_IO, "read error: %s", strerror(e));
  }
  if (own)
    fclose(f);
  if (n > max_bytes) {
    char msg[32];
    free(p);
    snprintf(msg, sizeof msg, "%zu", max_bytes);
    return file_fail(err, path, OW_E_TOO_BIG,
                     "input larger than the %s bytes this reader accepts",
                     msg);
  }
  p[n] = '\0';
  *buf = p;
  *len = n;
  return OW_OK;
}

/* ---- the stream ---------------------------------------------------------- */

int ow__stream_open(ow__stream *s, const char *path, size_t window,
                    size_t max_window, ow_err *err)
{
  int st;
  memset(s, 0, sizeof *s);
  s->line = 1;
  s->path = path;
  st = open_checked(path, &s->f, &s->own, err);
  if (st != OW_OK)
    return st;
  if (window < 4096)
    window = 4096;
  if (max_window < window)
    max_window = window;
  s->max_window = max_window;
  s->buf = malloc(window + 1);
  if (s->buf == NULL) {
    ow__stream_close(s);
    return file_fail(err, path, OW_E_NOMEM, "%s", "out of memory");
  }
  s->cap = window;
  return OW_OK;
}

int ow__stream_fill(ow__stream *s, ow_err *err)
{
  if (s->pos > 0) {
    memmove(s->buf, s->buf + s->pos, s->end - s->pos);
    s->end -= s->pos;
    s->pos = 0;
  }
  while (!s->eof && s->end < s->cap) {
    size_t k = fread(s->buf + s->end, 1, s->cap - s->end, s->f);
    s->end += k;
    if (k == 0) {
      if (ferror(s->f))
        return file_fail(err, s->path, OW_E_IO, "read error: %s",
                         strerror(errno));
      s->eof = 1;
    }
  }
  s->buf[s->end] = '\0';
  return OW_OK;
}

int ow__stream_grow(ow__stream *s)
{
  size_t ncap;
  char *q;
  if (s->cap >= s->max_window)
    return OW_E_TOO_BIG;
  ncap = s->cap * 2 > s->max_window ? s->max_window : s->cap * 2;
  q = realloc(s->buf, ncap + 1);
  if (q == NULL)
    return OW_E_NOMEM;
  s->buf = q;
  s->cap = ncap;
  return OW_OK;
}

void ow__stream_take(ow__stream *s, size_t n)
{
  const char *p = s->buf + s->pos, *e = p + n;
  while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
    s->line++;
    p++;
  }
  s->pos += n;
}

void ow__stream_close(ow__stream *s)
{
  if (s == NULL)
    return;
  if (s->own && s->f != NULL)
    fclose(s->f);
  free(s->buf);
  s->f = NULL;
  s->own = 0;
  s->buf = NULL;
  s->cap = s->pos = s->end = 0;
}
