// guard.h - the one place where C++ exceptions are turned into the shim's thread-local error.
// Every export is one statement inside HW_GUARD, so no exception can cross the C boundary.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <exception>
#include <string>

#include "hydroworkshop.h"

struct hw_tensor {
  at::Tensor tensor;
};

namespace hw {

void set_error(int32_t kind, const char* message) noexcept;
void clear_error() noexcept;

// Raised by the shim for a bad argument at the boundary (NULL handle, unknown value kind).
struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline const at::Tensor& tensor_of(const hw_tensor* t, const char* name = "tensor") {
  if (t == nullptr) throw ArgumentError(std::string("null handle passed as '") + name + "'");
  return t->tensor;
}

inline hw_tensor* new_handle(at::Tensor t) { return new hw_tensor{std::move(t)}; }

}  // namespace hw

// c10::Error subclasses first: their what_without_backtrace() is the message a user should see.
#define HW_GUARD(fail_value, ...)                                                       \
  try {                                                                                 \
    __VA_ARGS__                                                                         \
  } catch (const c10::IndexError& e) {                                                  \
    hw::set_error(HW_ERROR_INDEX, e.what_without_backtrace());                          \
  } catch (const c10::ValueError& e) {                                                  \
    hw::set_error(HW_ERROR_VALUE, e.what_without_backtrace());                          \
  } catch (const c10::TypeError& e) {                                                   \
    hw::set_error(HW_ERROR_TYPE, e.what_without_backtrace());                           \
  } catch (const c10::NotImplementedError& e) {                                         \
    hw::set_error(HW_ERROR_NOT_IMPLEMENTED, e.what_without_backtrace());                \
  } catch (const c10::Error& e) {                                                       \
    hw::set_error(HW_ERROR_GENERIC, e.what_without_backtrace());                        \
  } catch (const hw::ArgumentError& e) {                                                \
    hw::set_error(HW_ERROR_ARGUMENT, e.what());                                         \
  } catch (const std::exception& e) {                                                   \
    hw::set_error(HW_ERROR_GENERIC, e.what());                                          \
  } catch (...) {                                                                       \
    hw::set_error(HW_ERROR_GENERIC, "unknown C++ exception in the libtorch shim");      \
  }                                                                                     \
  return fail_value;
