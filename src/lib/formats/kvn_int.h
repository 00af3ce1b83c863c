/*
** kvn_int.h - the one tokenizer of CCSDS Keyword = Value Notation, shared
** by the OMM, CDM and OEM readers (502.0-B-3 section 7, 508.0-B-1 section
** 7). Private (ow__ prefix), never installed.
**
** It splits a buffer into lines and each line into keyword, value and unit;
** it knows no keyword. The buffer is never modified and must outlive the
** ow__kvn_line pointers into it.
**
** Rules:
**  - a line ends at LF, CR, CRLF or LFCR (508.0-B-1 7.4.1 allows each);
**    the last line needs no end;
**  - a UTF-8 byte-order mark at the start of the buffer is skipped;
**  - blanks are spaces and TABs; any number of them may stand before and
**    after '=' (none included), and are trimmed from key, value and unit;
**  - "COMMENT" followed by a blank or the end of the line is a comment (its
**    text is the rest, trimmed); "COMMENT=..." is a KEYVAL whose key is
**    COMMENT, left to the format code to judge;
**  - a value ending in ']' with a '[' before it carries a unit: val is the
**    text before '[' (trimmed), unit the text inside (trimmed, may be
**    empty); raw is the value as written, brackets included;
**  - a line without '=' is a WORD when it is one keyword (A-Z, 0-9, '_',
**    starting with a letter: META_START, DATA_STOP...), else DATA (key
**    NULL, val the trimmed line: an ephemeris line);
**  - a NUL byte, or a line of more than OW__KVN_LINE_MAX bytes, is an error
**    (OW_E_PARSE with the line number in err->line). The tokenizer has
**    then moved past that line, so the caller may report it and go on.
*/
#ifndef ORBWATCH_KVN_INT_H
#define ORBWATCH_KVN_INT_H

#include "orbwatch/common.h"

#include <stddef.h>

/* Longest line accepted, in bytes without its end. 254 is the standards'
** limit (508.0-B-1 7.4.2); files written elsewhere go beyond it, so the
** hard limit is wider and the format code may warn from 255 on. */
#define OW__KVN_LINE_MAX 1024

enum {
  OW__KVN_BLANK = 1,
  OW__KVN_COMMENT,
  OW__KVN_KEYVAL,
  OW__KVN_WORD,
  OW__KVN_DATA
};

typedef struct ow__kvn_line {
  long line; /* 1-based line number */
  int kind;  /* OW__KVN_BLANK ... OW__KVN_DATA */
  const char *key;
  size_t key_n; /* KEYVAL: before '=', trimmed (may be empty); WORD: the
                   word; otherwise NULL, 0 */
  const char *val;
  size_t val_n; /* blanks trimmed; COMMENT: its text; DATA: the line */
  const char *unit;
  size_t unit_n; /* inside [ ], trimmed; unit NULL and unit_n 0 when none */
  const char *text;
  size_t text_n; /* the whole line without its end */
  const char *raw;
  size_t raw_n; /* KEYVAL: the value with its unit brackets, trimmed */
} ow__kvn_line;

typedef struct ow__kvn {
  const char *p, *end;
  long line;
} ow__kvn;

/* Start reading buf[0..len) (not copied, not modified). */
void ow__kvn_init(ow__kvn *k, const char *buf, size_t len);

/*
** ow__kvn_next - the next line of k.
** Returned: out   the line (every field set; pointers into the buffer)
**           err   on an error: code, line, message (NULL-safe)
** Returns:  1 a line, 0 the end of the buffer, OW_E_PARSE a NUL byte or an
**           over-long line (out->line and out->text still describe it).
*/
int ow__kvn_next(ow__kvn *k, ow__kvn_line *out, ow_err *err);

/* Whether s[0..n) is a keyword: A-Z first, then A-Z, 0-9, '_'. */
int ow__kvn_is_keyword(const char *s, size_t n);

/* Whether key[0..key_n) of l equals the NUL-terminated word w. */
int ow__kvn_key_is(const ow__kvn_line *l, const char *w);

#endif
