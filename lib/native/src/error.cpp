// error.cpp - the thread-local last error, owned by the shim.
#include <c10/util/Logging.h>

#include <cstdlib>
#include <string>

#include "guard.h"

namespace {
thread_local std::string last_message;
thread_local int32_t last_kind = HW_ERROR_NONE;

// c10::Error captures and symbolises a C++ backtrace on construction (milliseconds each), which the
// binding strips anyway. Skip it unless HYDROWORKSHOP_CPP_BACKTRACES=1 asks for it when debugging.
const bool skip_backtraces = [] {
  const char* keep = std::getenv("HYDROWORKSHOP_CPP_BACKTRACES");
  if (keep != nullptr && std::string(keep) == "1") return false;
  c10::SetStackTraceFetcher([] { return std::string("(C++ backtrace off; set HYDROWORKSHOP_CPP_BACKTRACES=1)"); });
  return true;
}();
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
