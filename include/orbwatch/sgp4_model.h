/*
** orbwatch/sgp4_model.h - fields of the prepared SGP4/SDP4 model.
** Filled by ow_sgp4_init, read-only afterwards. Field names follow the
** report's symbols (see sgp4.c); callers treat the struct as opaque.
*/
#ifndef ORBWATCH_SGP4_MODEL_H
#define ORBWATCH_SGP4_MODEL_H

typedef struct ow_sgp4 {
  uint32_t norad;
  int method; /* ow_sgp4_method */
  /* The remaining fields are defined by sgp4.c's author. */
  double placeholder_;
} ow_sgp4;

#endif
