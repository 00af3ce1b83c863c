/*
** main.c - the orbwatch command: dispatch to one file per subcommand.
*/
#include "cli.h"

#include <orbwatch/batch.h>

#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*fn)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"run", cmd_run, "the main job: load, propagate a day, summarise"},
    {"propagate", cmd_propagate, "states of catalog objects at given times"},
    {"convert", cmd_convert, "element sets between TLE and OMM formats"},
    {"synth", cmd_synth, "write a deterministic synthetic catalog"},
    {"pc", cmd_pc, "probability of collision of a CDM"},
    {"passes", cmd_passes, "observability windows for sensors or a site"},
    {"coverage", cmd_coverage, "what a sensor network observes: summary"},
    {"screen", cmd_screen, "conjunction screening: TCA, miss, Pc"},
    {"cdm", cmd_cdm, "CCSDS CDMs for the events of a screening"},
    {"bench", cmd_bench, "benchmarks (bench sgp4: propagations/s)"},
    {"help", NULL, "this list"},
};

static void usage(FILE *f)
{
  fprintf(f, "orbwatch %s - space domain awareness toolkit\n\n"
             "usage: orbwatch COMMAND [ARGS]   (orbwatch COMMAND --help)\n\n",
          OW_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
  if (argc >= 3 && !strcmp(argv[1], "help")) {
    /* orbwatch help COMMAND is COMMAND --help. */
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      if (commands[i].fn && !strcmp(argv[2], commands[i].name)) {
        char *hargv[] = {argv[2], "--help", NULL};
        return commands[i].fn(2, hargv);
      }
    fprintf(stderr, "orbwatch: unknown command '%s'\n", argv[2]);
    usage(stderr);
    return OW_EXIT_USAGE;
  }
  if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
      !strcmp(argv[1], "-h")) {
    usage(stdout);
    return argc < 2 ? OW_EXIT_USAGE : OW_EXIT_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("orbwatch %s\nbatch ISAs:", OW_VERSION);
    for (int isa = OW_ISA_SSE2; isa <= OW_ISA_AVX512; isa++)
      if (ow_batch_isa_supported((ow_batch_isa)isa))
        printf(" %s", ow_batch_isa_name((ow_batch_isa)isa));
    printf("\n");
    return OW_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (commands[i].fn && !strcmp(argv[1], commands[i].name))
      return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "orbwatch: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return OW_EXIT_USAGE;
}
