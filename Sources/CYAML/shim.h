#ifndef PARALLAX_CYAML_SHIM_H
#define PARALLAX_CYAML_SHIM_H
#include <yaml.h>
#endif
