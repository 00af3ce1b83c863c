/*
** pc.c - `orbwatch pc CDM`: probability of collision of one conjunction
** message, with the method named in the output.
*/
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pc_usage(FILE *f)
{
  fprintf(f,
          "usage: orbwatch pc CDM [--method foster|chan|max|max-unknown]\n"
          "                       [--hbr M] [--lenient] [--miss projected|norm]\n"
          "                       [--aspect-ratio AR]\n\n"
          "Probability of collision of a CCSDS CDM (KVN or XML), 2D short-\n"
          "encounter model.\n"
          "  --method foster       numerical integral over the HBR disc (default)\n"
          "           chan         Chan 1997 series; refused (exit 3) where it is\n"
          "                        invalid (HBR > 1 minor sigma)\n"
          "           max          largest Pc over a covariance scale factor\n"
          "                        (dilution maximum); max-scale is the same\n"
          "           max-unknown  largest Pc over every covariance of the given\n"
          "                        aspect ratio (Alfano 2005; SOCRATES-style)\n"
          "  --hbr M        combined hard-body radius, m (default: COMMENT HBR,\n"
          "                 else the sum of the exclusion radii, else assumed\n"
          "                 from OBJECT_TYPE)\n"
          "  --lenient      accept real-world deviations (warnings on stderr)\n"
          "  --miss norm    |r2 - r1| as miss (NASA CARA Pc2D_NoAdj convention)\n"
          "                 instead of its encounter-plane projection\n"
          "  --aspect-ratio major/minor sigma for max-unknown (default 1)\n\n"
          "Output (stdout): a header line, then\n"
          "  method,pc,hbr_m,hbr_source,miss_m,rel_speed_m_s,sigma_major_m,\n"
          "  sigma_minor_m,err_bound,cdm_pc,cdm_pc_method\n"
          "Exit: 0 ok, 2 usage, 3 input (unreadable, invalid CDM, non-positive-\n"
          "definite covariance, method invalid, frame not supported), 4 internal.\n");
}

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL)
    return NULL;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      size_t ncap = cap ? 2 * cap : 65536;
      char *nb = realloc(buf, ncap);
      if (nb == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb, cap = ncap;
    }
    size_t k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (k == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

int cmd_pc(int argc, char **argv)
{
  const char *file = NULL;
  ow_pc_options opt = {OW_PC_FOSTER, 0.0, 1.0, OW_PC_MISS_PROJECTED};
  ow_cdm_mode mode = OW_CDM_STRICT;
  double hbr = NAN;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      pc_usage(stdout);
      return OW_EXIT_OK;
    } else if (!strcmp(a, "--lenient")) {
      mode = OW_CDM_LENIENT;
    } else if (!strcmp(a, "--method") && i + 1 < argc) {
      if (ow_pc_method_parse(argv[++i], &opt.method) != OW_OK) {
        fprintf(stderr, "orbwatch pc: unknown method '%s'\n", argv[i]);
        return OW_EXIT_USAGE;
      }
    } else if (!strcmp(a, "--hbr") && i + 1 < argc) {
      if (cli_parse_double(argv[++i], &hbr) != 0 || !(hbr >= 0.0)) {
        fprintf(stderr, "orbwatch pc: --hbr needs a radius >= 0 in m\n");
        return OW_EXIT_USAGE;
      }
    } else if (!strcmp(a, "--aspect-ratio") && i + 1 < argc) {
      if (cli_parse_double(argv[++i], &opt.aspect_ratio) != 0 ||
          !(opt.aspect_ratio >= 1.0)) {
        fprintf(stderr, "orbwatch pc: --aspect-ratio needs a value >= 1\n");
        return OW_EXIT_USAGE;
      }
    } else if (!strcmp(a, "--miss") && i + 1 < argc) {
      i++;
      if (!strcmp(argv[i], "norm"))
        opt.miss_mode = OW_PC_MISS_NORM;
      else if (!strcmp(argv[i], "projected"))
        opt.miss_mode = OW_PC_MISS_PROJECTED;
      else {
        fprintf(stderr, "orbwatch pc: --miss is projected or norm\n");
        return OW_EXIT_USAGE;
      }
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "orbwatch pc: unknown option '%s'\n", a);
      pc_usage(stderr);
      return OW_EXIT_USAGE;
    } else if (file == NULL) {
      file = a;
    } else {
      fprintf(stderr, "orbwatch pc: one CDM at a time\n");
      return OW_EXIT_USAGE;
    }
  }
  if (file == NULL) {
    pc_usage(stderr);
    return OW_EXIT_USAGE;
  }

  size_t len = 0;
  char *buf = slurp(file, &len), msg[800];
  if (buf == NULL) {
    fprintf(stderr, "orbwatch pc: cannot read %s\n", file);
    return OW_EXIT_INPUT;
  }
  ow_cdm *cdm = malloc(sizeof *cdm);
  ow_cdm_warnings *warn = malloc(sizeof *warn);
  ow_err err;
  int rc = OW_EXIT_OK;
  if (cdm == NULL || warn == NULL) {
    free(buf), free(cdm), free(warn);
    return OW_EXIT_INTERNAL;
  }
  ow_err_clear(&err);
  int st = ow_cdm_read(buf, len, file, mode, cdm, warn, &err);
  free(buf);
  for (int k = 0; k < warn->n && k < OW_CDM_MAX_WARN; k++)
    fprintf(stderr, "warning: %s\n", ow_err_format(&warn->w[k], msg, sizeof msg));
  if (warn->n > OW_CDM_MAX_WARN)
    fprintf(stderr, "warning: ... %d more\n", warn->n - OW_CDM_MAX_WARN);
  if (st < 0) {
    fprintf(stderr, "orbwatch pc: %s%s\n", ow_err_format(&err, msg, sizeof msg),
            mode == OW_CDM_STRICT ? " (--lenient accepts common deviations)"
                                  : "");
    rc = OW_EXIT_INPUT;
    goto done;
  }
  const char *hbr_src = "option";
  if (isnan(hbr)) {
    int assumed;
    hbr = ow_cdm_hbr_m(cdm, &assumed);
    hbr_src = assumed ? "assumed-by-object-type"
              : isfinite(cdm->hbr_m) ? "cdm-comment-hbr"
                                     : "cdm-exclusion-radii";
    if (assumed)
      fprintf(stderr, "warning: no HBR in the CDM; assumed %g m from the "
                      "object types (override with --hbr)\n", hbr);
  }
  ow_pc_object o1, o2;
  if (!strcmp(cdm->obj[0].ref_frame, "ITRF") &&
      !strcmp(cdm->obj[1].ref_frame, "ITRF")) {
    /* ITRF states at TCA to GCRF (ITRF -> TEME -> GCRF, frames module).
    ** No EOP table is given here: UT1 = UTC and no polar motion, a few
    ** metres of rotation at LEO, common to both objects, so the relative
    ** geometry and Pc barely move. The RTN covariances need no change. */
    fprintf(stderr, "warning: ITRF CDM converted to GCRF without EOP "
                    "(UT1 = UTC, no polar motion)\n");
    for (int k = 0; k < 2; k++) {
      double r[3], v[3];
      ow_cdm_object *o = &cdm->obj[k];
      if (ow_itrf_to_teme(NULL, cdm->tca_utc, o->r_km, o->v_km_s, r, v) < 0 ||
          ow_teme_to_gcrf(NULL, cdm->tca_utc, r, v, o->r_km, o->v_km_s) < 0) {
        fprintf(stderr, "orbwatch pc: ITRF -> GCRF failed\n");
        rc = OW_EXIT_INPUT;
        goto done;
      }
      snprintf(o->ref_frame, sizeof o->ref_frame, "GCRF");
    }
  }
  st = ow_cdm_to_pc_objects(cdm, &o1, &o2, &err);
  if (st < 0) {
    fprintf(stderr, "orbwatch pc: %s\n", ow_err_format(&err, msg, sizeof msg));
    rc = OW_EXIT_INPUT;
    goto done;
  }
  ow_pc_result res;
  ow_err_clear(&err);
  st = ow_pc_compute(&o1, &o2, hbr, &opt, &res, &err);
  if (st < 0) {
    fprintf(stderr, "orbwatch pc: %s: %s\n", ow_pc_method_name(opt.method),
            ow_err_format(&err, msg, sizeof msg));
    rc = OW_EXIT_INPUT;
    goto done;
  }
  if (st > 0)
    fprintf(stderr, "warning: %s\n", ow_err_format(&err, msg, sizeof msg));
  printf("method,pc,hbr_m,hbr_source,miss_m,rel_speed_m_s,sigma_major_m,"
         "sigma_minor_m,err_bound,cdm_pc,cdm_pc_method\n");
  printf("%s,%.10e,%.6g,%s,%.6f,%.6f,%.6g,%.6g,%.3g,", ow_pc_method_name(opt.method),
         res.pc, hbr, hbr_src, res.plane.mx_m, res.plane.rel_speed_m_s,
         res.plane.sx_m, res.plane.sy_m, res.err_bound);
  if (isnan(cdm->collision_probability))
    printf(",%s\n", cdm->collision_probability_method);
  else
    printf("%.10g,%s\n", cdm->collision_probability,
           cdm->collision_probability_method);
done:
  free(cdm);
  free(warn);
  return rc;
}
