// error.cpp - the thread-local last error, owned by the shim.
#include <string>

#include "guard.h"

namespace {
thread_local std::string last_message;
thread_local int32_t last_kind = HW_ERROR_NONE;
}  // namespace

namespace hw {

void set_error(int32_t kind, const char* message) noexcept {
  try {
    last_message = message ? message : "";
    last_kind = kind;
  } catch (...) {
    // Out of memory while copying the message: keep the kind so the caller still sees a failure.
    last_kind = kind;
  }
}

void clear_error() noexcept {
  last_message.clear();
  last_kind = HW_ERROR_NONE;
}

}  // namespace hw

extern "C" {

HW_API const char* hw_error_last(void) {
  return last_kind == HW_ERROR_NONE ? nullptr : last_message.c_str();
}

HW_API int32_t hw_error_kind(void) { return last_kind; }

HW_API void hw_error_clear(void) { hw::clear_error(); }

}  // extern "C"
