// tensor.cpp - tensor handles: creation from host memory, metadata, and copies back out.
#include <cstring>

#include <c10/core/GradMode.h>

#include "guard.h"

namespace {

using hw::tensor_of;

void check_bytes(const at::Tensor& t, int64_t nbytes) {
  const int64_t expected = t.numel() * static_cast<int64_t>(t.element_size());
  if (nbytes != expected) {
    throw hw::ArgumentError("buffer holds " + std::to_string(nbytes) + " bytes but the tensor of shape " +
                            c10::str(t.sizes()) + " and dtype " + std::string(c10::toString(t.scalar_type())) +
                            " needs " + std::to_string(expected));
  }
}

hw_tensor* from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim, int32_t scalar_type) {
  if (ndim < 0 || (ndim > 0 && shape == nullptr)) throw hw::ArgumentError("shape is null or ndim is negative");
  auto options = at::TensorOptions().dtype(static_cast<c10::ScalarType>(scalar_type));
  at::Tensor t = at::empty(c10::IntArrayRef(shape, static_cast<size_t>(ndim)), options);
  check_bytes(t, nbytes);
  if (nbytes > 0) {
    if (data == nullptr) throw hw::ArgumentError("data is null");
    std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
  }
  return hw::new_handle(std::move(t));
}

int32_t copy_list(c10::IntArrayRef values, int64_t* out, int32_t capacity) {
  const auto n = static_cast<int32_t>(values.size());
  if (capacity < n) throw hw::ArgumentError("capacity " + std::to_string(capacity) + " < " + std::to_string(n));
  for (int32_t i = 0; i < n; ++i) out[i] = values[i];
  return n;
}

void* data_ptr(const at::Tensor& t) {
  if (!t.device().is_cpu()) throw hw::ArgumentError("data_ptr needs a CPU tensor; this one is on " + t.device().str());
  return t.data_ptr();
}

int32_t copy_to(const at::Tensor& t, void* dst, int64_t nbytes) {
  check_bytes(t, nbytes);
  at::Tensor host = t.detach().to(at::kCPU).contiguous();
  if (nbytes > 0) std::memcpy(dst, host.data_ptr(), static_cast<size_t>(nbytes));
  return 0;
}

int32_t copy_from(const at::Tensor& t, const void* src, int64_t nbytes) {
  check_bytes(t, nbytes);
  c10::NoGradGuard no_grad;
  at::Tensor source = at::from_blob(const_cast<void*>(src), t.sizes(), t.options().device(at::kCPU).requires_grad(false));
  t.detach().copy_(source);
  return 0;
}

}  // namespace

extern "C" {

HW_API hw_tensor* hw_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim, int32_t scalar_type) {
  HW_GUARD(nullptr, return from_data(data, nbytes, shape, ndim, scalar_type);)
}
HW_API hw_tensor* hw_tensor_alias(const hw_tensor* t) { HW_GUARD(nullptr, return hw::new_handle(tensor_of(t));) }
HW_API void hw_tensor_free(hw_tensor* t) { delete t; }
HW_API int32_t hw_tensor_dim(const hw_tensor* t) { HW_GUARD(-1, return static_cast<int32_t>(tensor_of(t).dim());) }
HW_API int32_t hw_tensor_shape(const hw_tensor* t, int64_t* sizes, int32_t capacity) {
  HW_GUARD(-1, return copy_list(tensor_of(t).sizes(), sizes, capacity);)
}
HW_API int32_t hw_tensor_strides(const hw_tensor* t, int64_t* strides, int32_t capacity) {
  HW_GUARD(-1, return copy_list(tensor_of(t).strides(), strides, capacity);)
}
HW_API int64_t hw_tensor_numel(const hw_tensor* t) { HW_GUARD(-1, return tensor_of(t).numel();) }
HW_API int32_t hw_tensor_scalar_type(const hw_tensor* t) {
  HW_GUARD(-1, return static_cast<int32_t>(tensor_of(t).scalar_type());)
}
HW_API int32_t hw_tensor_device(const hw_tensor* t, int32_t* device_index) {
  HW_GUARD(-1, auto d = tensor_of(t).device(); if (device_index) *device_index = d.index(); return static_cast<int32_t>(d.type());)
}
HW_API int32_t hw_tensor_is_contiguous(const hw_tensor* t) { HW_GUARD(-1, return tensor_of(t).is_contiguous() ? 1 : 0;) }
HW_API void* hw_tensor_data_ptr(const hw_tensor* t) { HW_GUARD(nullptr, return data_ptr(tensor_of(t));) }
HW_API int32_t hw_tensor_copy_to(const hw_tensor* t, void* dst, int64_t nbytes) {
  HW_GUARD(-1, return copy_to(tensor_of(t), dst, nbytes);)
}
HW_API int32_t hw_tensor_set_data(hw_tensor* t, const hw_tensor* data) {
  HW_GUARD(-1, tensor_of(t).set_data(tensor_of(data, "data")); return 0;)
}
HW_API int32_t hw_tensor_copy_from(hw_tensor* t, const void* src, int64_t nbytes) {
  HW_GUARD(-1, return copy_from(tensor_of(t), src, nbytes);)
}

}  // extern "C"
