/* Compiled as plain C99 by CMake: the public header must stay usable from C (and so from any FFI). */
#include "hydroworkshop.h"

int main(void) {
  hw_value v = {HW_VALUE_INT, 0, 42, 0.0, 0};
  return (int)(sizeof(hw_value) == 32 && v.i == 42 ? 0 : 1);
}
