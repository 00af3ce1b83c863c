/*
** convert.c - `orbwatch convert`: element sets from any supported format to
** any other. A thin layer over ow_catalog_load_file + ow_catalog_write.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: orbwatch convert INPUT --to FORMAT [options]\n"
    "\n"
    "Reads element sets from INPUT ('-' = standard input) and writes them to\n"
    "standard output (or --output FILE) in FORMAT:\n"
    "  tle        3-line TLE (name line + lines 1 and 2); catalog numbers\n"
    "             above 339999 cannot be written as TLE and are reported\n"
    "  omm-kvn    CCSDS OMM 2.0 key = value\n"
    "  omm-xml    CCSDS OMM 2.0 XML (NDM/XML)\n"
    "  omm-json   CelesTrak-style JSON array\n"
    "  omm-csv    CelesTrak-style CSV with a header row\n"
    "\n"
    "options:\n"
    "  --from FORMAT        input format (default: detected)\n"
    "  --output FILE        write to FILE instead of standard output\n"
    "  --ignore-checksum    accept TLE lines with a wrong checksum (warned)\n"
    "\n"
    "A well-formed TLE read and written again is byte-identical.\n"
    "Exit: 0 ok, 1 some records rejected or not writable, 2 usage, 3 input.\n";

int cmd_convert(int argc, char **argv)
{
  const char *path = NULL, *to = NULL, *from = "auto", *output = NULL, *v;
  ow_read_opts ropts = {0};
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      return OW_EXIT_OK;
    } else if ((v = cli_opt(argc, argv, &i, "--to")))
      to = v;
    else if ((v = cli_opt(argc, argv, &i, "--from")))
      from = v;
    else if ((v = cli_opt(argc, argv, &i, "--output")))
      output = v;
    else if (cli_flag(argv, i, "--ignore-checksum"))
      ropts.ignore_checksum = 1;
    else if (argv[i][0] == '-' && argv[i][1] != '\0')
      return cli_usage_error("convert", "unknown option %s", argv[i]);
    else if (path == NULL)
      path = argv[i];
    else
      return cli_usage_error("convert", "more than one INPUT given");
  }
  if (path == NULL)
    return cli_usage_error("convert", "no INPUT given");
  if (to == NULL)
    return cli_usage_error("convert", "no --to FORMAT given");
  ow_format ifmt, ofmt;
  if (ow_format_parse(from, &ifmt) != OW_OK)
    return cli_usage_error("convert", "unknown input format \"%s\"", from);
  if (ow_format_parse(to, &ofmt) != OW_OK || ofmt == OW_FMT_AUTO)
    return cli_usage_error("convert", "unknown output format \"%s\"", to);

  ow_catalog cat;
  ow_catalog_init(&cat);
  int exit_code = cli_load_catalog("convert", path, ifmt, &ropts, &cat, NULL);
  if (exit_code == OW_EXIT_OK || exit_code == OW_EXIT_PARTIAL) {
    char *text = NULL;
    size_t len = 0;
    int rc = ow_catalog_write(cat.items, cat.n, ofmt, cli_now_utc(), &text, &len,
                              cli_diag_print, NULL);
    if (rc == OW_E_NOMEM || text == NULL) {
      fprintf(stderr, "orbwatch convert: out of memory\n");
      exit_code = OW_EXIT_INTERNAL;
    } else {
      if (rc < 0)
        exit_code = OW_EXIT_PARTIAL; /* some records not writable */
      FILE *out = output ? fopen(output, "wb") : stdout;
      if (out == NULL) {
        fprintf(stderr, "orbwatch convert: cannot write %s\n", output);
        exit_code = OW_EXIT_INTERNAL;
      } else {
        if (fwrite(text, 1, len, out) != len || fflush(out) != 0) {
          fprintf(stderr, "orbwatch convert: error writing output\n");
          exit_code = OW_EXIT_INTERNAL;
        }
        if (out != stdout)
          fclose(out);
      }
    }
    free(text);
  }
  ow_catalog_free(&cat);
  return exit_code;
}
