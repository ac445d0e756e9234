/* PoissonInput's binomial sampler as network libraries get it: compiled once, into the network
 * glue at install, and handed to each library when the glue loads it
 * (eqsim_set_binomial_functions, network.c.j2). Compiled into every library with a
 * PoissonInput, the three functions were ~0.1 s of gcc per build (brunel's). They are strict
 * IEEE arithmetic (EQSIM_STRICT_FP), so the numbers do not depend on where they are compiled. */
#ifndef EQSIM_BINOMIAL_LENT_H
#define EQSIM_BINOMIAL_LENT_H
#include "eqsim_random.h"

static const eqsim_binomial_functions eqsim_binomial_lent = {
    eqsim_binomial_prepare, eqsim_binomial_search_full, eqsim_binomial_draw};
#endif
