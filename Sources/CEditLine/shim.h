#ifndef PARALLAX_CEDITLINE_SHIM_H
#define PARALLAX_CEDITLINE_SHIM_H
// libedit's el_set and history() are variadic; Swift cannot call C variadics, so each
// use the REPL needs gets a fixed-signature inline wrapper here.
#include <stdio.h>
#include <histedit.h>

#endif
