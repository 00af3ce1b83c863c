/*
** cli.h - shared declarations of the orbwatch command's subcommands.
**
** Exit codes (documented in README.md):
**   0  success
**   1  partial: some records were rejected or some states failed; the
**      rest of the output is complete
**   2  usage error (bad option or argument)
**   3  input error: nothing usable could be read
**   4  internal error (out of memory, I/O error on output)
*/
#ifndef OW_CLI_H
#define OW_CLI_H

#include "orbwatch/orbwatch.h"

enum {
  OW_EXIT_OK = 0,
  OW_EXIT_PARTIAL = 1,
  OW_EXIT_USAGE = 2,
  OW_EXIT_INPUT = 3,
  OW_EXIT_INTERNAL = 4
};

/* Subcommands (one file each). */
int ow_cli_pc(int argc, char **argv);

#endif
