/*
** fuzz_network.c - libFuzzer target: the sensor network file reader.
** Accepted networks must satisfy what the reader promises (names set and
** unique, masks increasing, scans fitting their revisit period).
*/
#include "orbwatch/orbwatch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  ow_network net;
  ow_err err;
  ow_network_init(&net);
  int st = ow_network_parse(&net, (const char *)data, size, "fuzz", &err);
  if (st == OW_OK) {
    if (net.n == 0)
      abort();
    for (size_t i = 0; i < net.n; i++) {
      const ow_sensor *s = &net.s[i];
      double sum = 0;
      if (!s->name[0])
        abort();
      for (size_t j = i + 1; j < net.n; j++)
        if (!strcmp(s->name, net.s[j].name))
          abort();
      for (int k = 1; k < s->n_mask; k++)
        if (!(s->mask_az_rad[k] > s->mask_az_rad[k - 1]))
          abort();
      for (int k = 0; k < s->n_scan; k++)
        sum += s->scan[k].dwell_s;
      if (s->pointing == OW_POINT_SCAN && s->revisit_s < sum)
        abort();
      (void)ow_sensor_min_el(s, 1.0);
    }
  } else if (st > 0 || err.msg[0] == 0) {
    abort(); /* errors always come with a message */
  }
  ow_network_free(&net);
  return 0;
}
