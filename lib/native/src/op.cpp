// op.cpp - any ATen operator by name through the dispatcher (boxed calls), so the shim stays small
// while the binding can reach every operator. Autograd, device dispatch and type promotion all
// happen inside the dispatcher exactly as for a typed C++ call.
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "guard.h"

struct hw_op {
  c10::OperatorHandle handle;
};

namespace {

using hw::tensor_of;

std::string name_of(const hw_op* op) {
  const auto& schema = op->handle.schema();
  return schema.overload_name().empty() ? schema.name() : schema.name() + "." + schema.overload_name();
}

c10::IValue to_ivalue(const hw_value& v, const c10::Argument& formal, const hw_op* op) {
  auto fail = [&](const std::string& why) {
    return hw::ArgumentError(name_of(op) + ": argument '" + formal.name() + "': " + why);
  };
  const bool is_list = v.kind >= HW_VALUE_INT_LIST && v.kind <= HW_VALUE_OPTIONAL_TENSOR_LIST;
  if (is_list && v.count < 0) throw fail("negative list length");
  if (is_list && v.count > 0 && v.p == nullptr) throw fail("list pointer is null");
  switch (v.kind) {
    case HW_VALUE_NONE:
      return c10::IValue();
    case HW_VALUE_TENSOR:
      return c10::IValue(tensor_of(static_cast<const hw_tensor*>(v.p), formal.name().c_str()));
    case HW_VALUE_INT:
      return c10::IValue(v.i);
    case HW_VALUE_DOUBLE:
      return c10::IValue(v.d);
    case HW_VALUE_BOOL:
      return c10::IValue(v.i != 0);
    case HW_VALUE_INT_LIST: {
      const auto* values = static_cast<const int64_t*>(v.p);
      return c10::IValue(c10::List<int64_t>(std::vector<int64_t>(values, values + v.count)));
    }
    case HW_VALUE_DOUBLE_LIST: {
      const auto* values = static_cast<const double*>(v.p);
      return c10::IValue(c10::List<double>(std::vector<double>(values, values + v.count)));
    }
    case HW_VALUE_BOOL_LIST: {
      const auto* values = static_cast<const uint8_t*>(v.p);
      c10::List<bool> list;
      for (int32_t k = 0; k < v.count; ++k) list.push_back(values[k] != 0);
      return c10::IValue(list);
    }
    case HW_VALUE_TENSOR_LIST: {
      const auto* handles = static_cast<hw_tensor* const*>(v.p);
      c10::List<at::Tensor> list;
      list.reserve(static_cast<size_t>(v.count));
      for (int32_t k = 0; k < v.count; ++k) list.push_back(tensor_of(handles[k], formal.name().c_str()));
      return c10::IValue(list);
    }
    case HW_VALUE_OPTIONAL_TENSOR_LIST: {
      const auto* handles = static_cast<hw_tensor* const*>(v.p);
      c10::List<c10::optional<at::Tensor>> list;
      list.reserve(static_cast<size_t>(v.count));
      for (int32_t k = 0; k < v.count; ++k) {
        list.push_back(handles[k] ? c10::optional<at::Tensor>(handles[k]->tensor) : c10::nullopt);
      }
      return c10::IValue(list);
    }
    case HW_VALUE_STRING:
      if (v.p == nullptr) throw fail("string is null");
      return c10::IValue(std::string(static_cast<const char*>(v.p)));
    case HW_VALUE_DEVICE:
      return c10::IValue(c10::Device(static_cast<c10::DeviceType>(v.i), static_cast<c10::DeviceIndex>(v.count)));
    case HW_VALUE_GENERATOR: {
      if (v.p == nullptr) throw fail("generator is null");
      // hw_generator is defined in runtime.cpp; its first member is the at::Generator.
      return c10::IValue(*static_cast<const at::Generator*>(v.p));
    }
    default:
      throw fail("unknown value kind " + std::to_string(v.kind));
  }
}

void release(hw_value* results, int32_t n) {
  for (int32_t k = 0; k < n; ++k) {
    if (results[k].kind == HW_VALUE_TENSOR) delete static_cast<hw_tensor*>(results[k].p);
    if (results[k].kind == HW_VALUE_TENSOR_LIST) {
      auto** array = static_cast<hw_tensor**>(results[k].p);
      for (int32_t j = 0; j < results[k].count; ++j) delete array[j];
      std::free(array);
    }
    results[k] = hw_value{};
  }
}

hw_value from_ivalue(const c10::IValue& iv, const hw_op* op) {
  hw_value out{};
  if (iv.isNone()) {
    out.kind = HW_VALUE_NONE;
  } else if (iv.isTensor()) {
    const at::Tensor& t = iv.toTensor();
    if (t.defined()) {
      out.kind = HW_VALUE_TENSOR;
      out.p = hw::new_handle(t);
    } else {
      out.kind = HW_VALUE_NONE;
    }
  } else if (iv.isTensorList()) {
    auto list = iv.toTensorVector();
    auto** array = static_cast<hw_tensor**>(std::calloc(list.size() + 1, sizeof(hw_tensor*)));
    if (array == nullptr) throw std::bad_alloc();
    out.kind = HW_VALUE_TENSOR_LIST;
    out.p = array;
    for (size_t k = 0; k < list.size(); ++k) {
      array[k] = hw::new_handle(list[k]);
      out.count = static_cast<int32_t>(k + 1);
    }
  } else if (iv.isInt()) {
    out.kind = HW_VALUE_INT;
    out.i = iv.toInt();
  } else if (iv.isDouble()) {
    out.kind = HW_VALUE_DOUBLE;
    out.d = iv.toDouble();
  } else if (iv.isBool()) {
    out.kind = HW_VALUE_BOOL;
    out.i = iv.toBool() ? 1 : 0;
  } else {
    throw hw::ArgumentError(name_of(op) + ": result of type " + iv.tagKind() + " is not supported by the shim");
  }
  return out;
}

int32_t call(const hw_op* op, const hw_value* args, int32_t nargs, hw_value* results, int32_t capacity) {
  if (op == nullptr) throw hw::ArgumentError("null operator handle");
  if (nargs < 0 || (nargs > 0 && args == nullptr)) throw hw::ArgumentError("bad argument array");
  const auto& formals = op->handle.schema().arguments();
  if (static_cast<size_t>(nargs) > formals.size()) {
    throw hw::ArgumentError(name_of(op) + " takes " + std::to_string(formals.size()) + " arguments, " +
                            std::to_string(nargs) + " given");
  }
  torch::jit::Stack stack;
  stack.reserve(std::max(formals.size(), op->handle.schema().returns().size()));
  for (int32_t k = 0; k < nargs; ++k) stack.push_back(to_ivalue(args[k], formals[static_cast<size_t>(k)], op));
  for (size_t k = static_cast<size_t>(nargs); k < formals.size(); ++k) {
    if (!formals[k].default_value()) {
      throw hw::ArgumentError(name_of(op) + ": argument '" + formals[k].name() + "' (position " + std::to_string(k) +
                              ") has no default and was not given");
    }
    stack.push_back(*formals[k].default_value());
  }
  op->handle.callBoxed(&stack);
  if (stack.size() > static_cast<size_t>(capacity)) {
    throw hw::ArgumentError(name_of(op) + " returns " + std::to_string(stack.size()) + " values; capacity is " +
                            std::to_string(capacity));
  }
  int32_t n = 0;
  try {
    for (; n < static_cast<int32_t>(stack.size()); ++n) results[n] = from_ivalue(stack[static_cast<size_t>(n)], op);
  } catch (...) {
    release(results, n);
    throw;
  }
  return n;
}

hw_op* find(const char* name, const char* overload) {
  if (name == nullptr) throw hw::ArgumentError("operator name is null");
  auto handle = c10::Dispatcher::singleton().findSchema({name, overload ? overload : ""});
  if (!handle) {
    throw hw::ArgumentError(std::string("no operator ") + name + (overload && *overload ? std::string(".") + overload : "") +
                            " in libtorch " + TORCH_VERSION);
  }
  return new hw_op{*handle};
}

char* schema_text(const hw_op* op) {
  if (op == nullptr) throw hw::ArgumentError("null operator handle");
  std::ostringstream text;
  text << op->handle.schema();
  const std::string s = text.str();
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

}  // namespace

extern "C" {

HW_API hw_op* hw_op_find(const char* name, const char* overload) { HW_GUARD(nullptr, return find(name, overload);) }
HW_API void hw_op_free(hw_op* op) { delete op; }
HW_API char* hw_op_schema(const hw_op* op) { HW_GUARD(nullptr, return schema_text(op);) }
HW_API int32_t hw_op_argument_count(const hw_op* op) {
  HW_GUARD(-1, if (!op) throw hw::ArgumentError("null operator handle"); return static_cast<int32_t>(op->handle.schema().arguments().size());)
}
HW_API int32_t hw_op_call(const hw_op* op, const hw_value* args, int32_t nargs, hw_value* results, int32_t capacity) {
  HW_GUARD(-1, return call(op, args, nargs, results, capacity);)
}
HW_API void hw_tensor_array_free(hw_tensor** array) { std::free(array); }

}  // extern "C"
