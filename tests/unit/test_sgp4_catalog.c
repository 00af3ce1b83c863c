/*
** test_sgp4_catalog.c - every object of the 2023-10 catalog against the
** reference states.
**
** Reference: $OW_SHARED_DATA/sgp4-ver/catalog_ref_2023-10_t0_720_1440.csv.gz,
** states of all 26,140 objects of catalog/full_2023-10_spacetrack_3le.txt
** at 0, 720 and 1440 minutes from each object's epoch, from Vallado's
** SGP4.cpp (WGS-72, 'improved' mode); its README gives the provenance.
** Columns: satnum (raw 5-character field, Alpha-5 kept), tsince_min, err,
** x, y, z (km), vx, vy, vz (km/s), TEME, printed %.8f / %.11f.
**
** Checks: every one of the 78,420 rows is matched; the SGP4 error code is
** the same on every row; rows without error agree within TOL_POS_KM and
** TOL_VEL_KM_S (the reference's r, v on error rows are not meaningful and
** are not compared).
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define TOL_POS_KM 1.0e-6
#define TOL_VEL_KM_S 1.0e-9
#define N_OBJECTS 26140
#define N_ROWS 78420
#define NO_INDEX (-1)

/* Parse "num," advancing *s; returns 0 on success. */
static int next_num(char **s, double *v)
{
  char *end;
  *v = strtod(*s, &end);
  if (end == *s)
    return -1;
  *s = *end == ',' ? end + 1 : end;
  return 0;
}

int main(void)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/full_2023-10_spacetrack_3le.txt",
           check_shared_dir());
  ow_catalog cat;
  ow_catalog_init(&cat);
  ow_load_stats stats = {0, 0, 0};
  int st = ow_catalog_load_file(&cat, path, OW_FMT_TLE, NULL, NULL, NULL,
                                &stats);
  CHECK_EQ_INT(st, OW_OK);
  CHECK_EQ_INT(stats.loaded, N_OBJECTS);
  CHECK_EQ_INT(stats.rejected, 0);
  if (cat.n == 0) {
    fprintf(stderr, "cannot load %s\n", path);
    return check_done();
  }

  /* Catalog number -> record; the TLE numbers end at 339999 (Z9999). */
  int *index = malloc((OW_ALPHA5_MAX + 1) * sizeof *index);
  ow_sgp4 *models = malloc(cat.n * sizeof *models);
  int *seen = calloc(cat.n, sizeof *seen);
  if (index == NULL || models == NULL || seen == NULL) {
    CHECK_FAIL_("out of memory");
    return check_done();
  }
  for (size_t i = 0; i <= OW_ALPHA5_MAX; i++)
    index[i] = NO_INDEX;
  for (size_t i = 0; i < cat.n; i++) {
    uint32_t id = cat.items[i].norad;
    CHECK(id <= OW_ALPHA5_MAX && index[id] == NO_INDEX);
    if (id <= OW_ALPHA5_MAX)
      index[id] = (int)i;
    ow_sgp4_init(&models[i], &cat.items[i], OW_GRAV_WGS72,
                 OW_OPSMODE_IMPROVED, NULL);
  }

  snprintf(path, sizeof path,
           "%s/sgp4-ver/catalog_ref_2023-10_t0_720_1440.csv.gz", check_shared_dir());
  gzFile gz = gzopen(path, "rb");
  CHECK(gz != NULL);
  long rows = 0, compared = 0, code_count[8] = {0};
  long method_count[4] = {0};
  double max_dr = 0.0, max_dv = 0.0;
  char line[512];
  while (gz != NULL && gzgets(gz, line, sizeof line) != NULL) {
    if (line[0] == '#' || line[0] == '\n')
      continue;
    rows++;
    uint32_t id;
    char field[6];
    memcpy(field, line, 5);
    field[5] = '\0';
    double val[8];
    char *s = line + 6;
    int k = 0;
    while (k < 8 && next_num(&s, &val[k]) == 0)
      k++;
    if (line[5] != ',' || k != 8 || ow_alpha5_decode(field, &id, NULL) != 0 ||
        id > OW_ALPHA5_MAX || index[id] == NO_INDEX) {
      CHECK_FAIL_("reference row %ld not matched: %s", rows, line);
      continue;
    }
    int i = index[id];
    seen[i]++;
    const ow_sgp4 *m = &models[i];
    double r[3], v[3];
    int code = ow_sgp4_refcode(ow_sgp4_propagate(m, val[0], r, v));
    int want = (int)val[1];
    if (code != want) {
      CHECK_FAIL_("%s at %.1f min: want error %d got %d", field, val[0], want,
                  code);
      continue;
    }
    check_passed_++;
    if (want >= 0 && want < 8)
      code_count[want]++;
    if (want != 0)
      continue;
    compared++;
    method_count[m->method]++;
    for (int j = 0; j < 3; j++) {
      double dr = fabs(r[j] - val[2 + j]), dv = fabs(v[j] - val[5 + j]);
      max_dr = dr > max_dr ? dr : max_dr;
      max_dv = dv > max_dv ? dv : max_dv;
      if (dr > TOL_POS_KM || dv > TOL_VEL_KM_S)
        CHECK_FAIL_("%s at %.1f min, axis %d: |dr| %.3g km |dv| %.3g km/s",
                    field, val[0], j, dr, dv);
    }
  }
  if (gz != NULL)
    gzclose(gz);

  CHECK_EQ_INT(rows, N_ROWS);
  long missing = 0;
  for (size_t i = 0; i < cat.n; i++)
    missing += seen[i] != 3;
  CHECK_EQ_INT(missing, 0);
  CHECK(max_dr <= TOL_POS_KM && max_dv <= TOL_VEL_KM_S);
  printf("%ld rows, %ld states compared (near simple %ld, near full %ld, "
         "deep %ld, resonant %ld)\n",
         rows, compared, method_count[OW_SGP4_NEAR_SIMPLE],
         method_count[OW_SGP4_NEAR_FULL], method_count[OW_SGP4_DEEP],
         method_count[OW_SGP4_DEEP_RESONANT]);
  printf("error codes: 0: %ld, 1: %ld, 6: %ld (others %ld)\n", code_count[0],
         code_count[1], code_count[6],
         code_count[2] + code_count[3] + code_count[4] + code_count[5]);
  printf("max |dr| %.3g km, max |dv| %.3g km/s\n", max_dr, max_dv);

  free(seen);
  free(models);
  free(index);
  ow_catalog_free(&cat);
  return check_done();
}
