#include "ctimer.h"
