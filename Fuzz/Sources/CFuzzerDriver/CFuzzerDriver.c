// Declarations only: the driver itself comes from libclang_rt.fuzzer.
#include "CFuzzerDriver.h"
