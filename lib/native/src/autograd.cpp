// autograd.cpp - requires_grad, gradients, backward and grad mode.
#include <torch/csrc/autograd/autograd.h>

#include <c10/core/GradMode.h>

#include "guard.h"

namespace {

using hw::tensor_of;

int32_t get_grad(const at::Tensor& t, hw_tensor** out) {
  if (out == nullptr) throw hw::ArgumentError("null output pointer");
  const at::Tensor& g = t.grad();
  *out = g.defined() ? hw::new_handle(g) : nullptr;
  return 0;
}

int32_t set_grad(const at::Tensor& t, const hw_tensor* grad) {
  if (grad == nullptr) {
    t.mutable_grad().reset();
  } else {
    t.mutable_grad() = grad->tensor;
  }
  return 0;
}

int32_t backward(const at::Tensor& t, const hw_tensor* gradient, bool retain_graph, bool create_graph) {
  at::Tensor g = gradient ? gradient->tensor : at::Tensor();
  torch::autograd::backward({t}, {g}, retain_graph, create_graph);
  return 0;
}

int32_t grad(const at::Tensor& output, const hw_tensor* grad_output, hw_tensor* const* inputs, int32_t n,
             hw_tensor** grads, bool retain_graph, bool create_graph, bool allow_unused) {
  if (n < 0 || (n > 0 && (inputs == nullptr || grads == nullptr))) throw hw::ArgumentError("bad input list");
  std::vector<at::Tensor> input_list;
  input_list.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) input_list.push_back(tensor_of(inputs[i], "inputs[i]"));
  at::Tensor g = grad_output ? grad_output->tensor : at::Tensor();
  auto result = torch::autograd::grad({output}, input_list, {g}, retain_graph, create_graph, allow_unused);
  for (int32_t i = 0; i < n; ++i) {
    grads[i] = result[static_cast<size_t>(i)].defined() ? hw::new_handle(result[static_cast<size_t>(i)]) : nullptr;
  }
  return 0;
}

}  // namespace

extern "C" {

HW_API int32_t hw_tensor_requires_grad(const hw_tensor* t) { HW_GUARD(-1, return tensor_of(t).requires_grad() ? 1 : 0;) }
HW_API int32_t hw_tensor_set_requires_grad(hw_tensor* t, int32_t requires_grad) {
  HW_GUARD(-1, tensor_of(t).set_requires_grad(requires_grad != 0); return 0;)
}
HW_API int32_t hw_tensor_is_leaf(const hw_tensor* t) { HW_GUARD(-1, return tensor_of(t).is_leaf() ? 1 : 0;) }
HW_API int32_t hw_tensor_grad(const hw_tensor* t, hw_tensor** grad) { HW_GUARD(-1, return get_grad(tensor_of(t), grad);) }
HW_API int32_t hw_tensor_set_grad(hw_tensor* t, const hw_tensor* grad) { HW_GUARD(-1, return set_grad(tensor_of(t), grad);) }
HW_API int32_t hw_autograd_backward(const hw_tensor* t, const hw_tensor* gradient, int32_t retain_graph, int32_t create_graph) {
  HW_GUARD(-1, return backward(tensor_of(t), gradient, retain_graph != 0, create_graph != 0);)
}
HW_API int32_t hw_autograd_grad(const hw_tensor* output, const hw_tensor* grad_output, hw_tensor* const* inputs, int32_t n,
                                hw_tensor** grads, int32_t retain_graph, int32_t create_graph, int32_t allow_unused) {
  HW_GUARD(-1, return grad(tensor_of(output, "output"), grad_output, inputs, n, grads, retain_graph != 0, create_graph != 0, allow_unused != 0);)
}
HW_API int32_t hw_autograd_is_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }
HW_API void hw_autograd_set_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

}  // extern "C"
