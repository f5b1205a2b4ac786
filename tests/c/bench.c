/* bench-ffi: the cost of one wsclose_classify call through the shared library, next to an
 * inline if-chain in C doing the same classification (and, for reference, an inline branchless
 * version that the compiler can vectorise), plus wsclose_classify_many throughput.
 * Input: a fixed-seed random mix of 1<<20 codes (half uniform over 0..65535, a quarter from
 * 1000..1015, a quarter from 3000..4999), never a sequential pattern. Each measurement is the
 * best of REPS runs. Built with -O2; the results are checked against each other. */
#define _POSIX_C_SOURCE 200112L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wsclose.h"

#define N (1u << 20)
#define REPS 15
#define SEED 0x5eedu

static uint16_t codes[N];
static uint8_t out[N];

static uint32_t rng_state = SEED;
static uint32_t next_random(void) { /* xorshift32 */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* What a C programmer would write inline: the ranges as an if-chain. */
static inline unsigned classify_inline(uint16_t code) {
  if (code < 1000) return WSCLOSE_CATEGORY_UNUSED;
  if (code < 1016) return WSCLOSE_CATEGORY_STANDARD;
  if (code < 3000) return WSCLOSE_CATEGORY_RESERVED;
  if (code < 4000) return WSCLOSE_CATEGORY_REGISTERED;
  if (code < 5000) return WSCLOSE_CATEGORY_PRIVATE;
  return WSCLOSE_CATEGORY_OUT_OF_RANGE;
}

/* The same without branches, as the library does it: the count of range starts <= code. */
static inline unsigned classify_branchless(uint16_t code) {
  return (unsigned)(code >= 1000) + (code >= 1016) + (code >= 3000) + (code >= 4000) + (code >= 5000);
}

int main(void) {
  for (size_t i = 0; i < N; i++) {
    uint32_t r = next_random();
    switch (r & 3u) {
      case 0: codes[i] = (uint16_t)(1000 + (r >> 8) % 16); break;
      case 1: codes[i] = (uint16_t)(3000 + (r >> 8) % 2000); break;
      default: codes[i] = (uint16_t)(r >> 16); break;
    }
  }

  double best_ffi = 1e30, best_inline = 1e30, best_branchless = 1e30, best_bulk = 1e30;
  unsigned long sum_ffi = 0, sum_inline = 0, sum_branchless = 0;
  for (int rep = 0; rep < REPS; rep++) {
    unsigned long sum = 0;
    double t0 = now_ns();
    for (size_t i = 0; i < N; i++) sum += wsclose_classify(codes[i]);
    double t1 = now_ns();
    if (t1 - t0 < best_ffi) best_ffi = t1 - t0;
    sum_ffi = sum;

    sum = 0;
    t0 = now_ns();
    for (size_t i = 0; i < N; i++) sum += classify_inline(codes[i]);
    t1 = now_ns();
    if (t1 - t0 < best_inline) best_inline = t1 - t0;
    sum_inline = sum;

    sum = 0;
    t0 = now_ns();
    for (size_t i = 0; i < N; i++) sum += classify_branchless(codes[i]);
    t1 = now_ns();
    if (t1 - t0 < best_branchless) best_branchless = t1 - t0;
    sum_branchless = sum;

    t0 = now_ns();
    if (wsclose_classify_many(codes, out, N) != WSCLOSE_OK) return 1;
    t1 = now_ns();
    if (t1 - t0 < best_bulk) best_bulk = t1 - t0;
  }
  /* The three must agree, or the numbers mean nothing. */
  unsigned long sum_bulk = 0;
  for (size_t i = 0; i < N; i++) {
    sum_bulk += out[i];
    if (out[i] != classify_inline(codes[i])) {
      fprintf(stderr, "bench: classify_many disagrees at %zu\n", i);
      return 1;
    }
  }
  if (sum_ffi != sum_inline || sum_bulk != sum_inline || sum_branchless != sum_inline) {
    fprintf(stderr, "bench: results differ (%lu, %lu, %lu, %lu)\n", sum_ffi, sum_inline,
            sum_branchless, sum_bulk);
    return 1;
  }

  double ns_ffi = best_ffi / N, ns_inline = best_inline / N, ns_branchless = best_branchless / N;
  double bulk_rate = (double)N / (best_bulk / 1e9);
  printf("input: %u codes, fixed seed 0x%x (random mix), best of %d runs\n", N, SEED, REPS);
  printf("wsclose_classify (shared library): %.2f ns/call\n", ns_ffi);
  printf("inline if-chain in C:              %.2f ns/call\n", ns_inline);
  printf("difference: %.2f ns/call, ratio %.1fx (target: within 2 ns per call: %s)\n",
         ns_ffi - ns_inline, ns_ffi / ns_inline, ns_ffi - ns_inline <= 2.0 ? "met" : "MISSED");
  printf("inline branchless C (vectorised):  %.2f ns/call; difference %.2f ns/call\n",
         ns_branchless, ns_ffi - ns_branchless);
  printf("wsclose_classify_many: %.2f ns/code, %.2e codes/s (target >= 1e9 codes/s: %s)\n",
         best_bulk / N, bulk_rate, bulk_rate >= 1e9 ? "met" : "MISSED");
  if (ns_inline > ns_ffi) {
    printf("note: the inline if-chain loses because its branches mispredict on random input; the\n"
           "      library is branch-free, so its cost is the call itself\n");
  }
  return 0;
}
