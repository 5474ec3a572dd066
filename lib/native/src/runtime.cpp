// runtime.cpp - versions, threads, devices and seeds.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/version.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "guard.h"

struct hw_generator {
  at::Generator generator;
};

namespace {

char* copy_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

int32_t cuda_device_count() {
  if (!at::globalContext().hasCUDA()) return 0;
  return static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs());
}

void seed_generator(at::Generator& g, uint64_t seed) {
  std::lock_guard<std::mutex> lock(g.mutex());
  g.set_current_seed(seed);
}

int32_t manual_seed(uint64_t seed) {
  auto cpu = at::detail::getDefaultCPUGenerator();
  seed_generator(cpu, seed);
  for (int32_t i = 0; i < cuda_device_count(); ++i) {
    // Context::defaultGenerator is the spelling both libtorch 1.13 and 2.x keep (the CUDA hooks' own
    // getDefaultCUDAGenerator was renamed in 2.x).
    at::Generator cuda = at::globalContext().defaultGenerator(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(i)));
    seed_generator(cuda, seed);
  }
  return 0;
}

void check_tf32_backend(int32_t backend) {
  if (backend != 0 && backend != 1) throw std::invalid_argument("TF32 backend must be 0 (cuBLAS matmul) or 1 (cuDNN)");
}

int32_t tf32_get(int32_t backend) {
  check_tf32_backend(backend);
  auto& context = at::globalContext();
  return (backend == 0 ? context.allowTF32CuBLAS() : context.allowTF32CuDNN()) ? 1 : 0;
}

int32_t tf32_set(int32_t backend, bool allowed) {
  check_tf32_backend(backend);
  auto& context = at::globalContext();
  if (backend == 0) context.setAllowTF32CuBLAS(allowed);
  else context.setAllowTF32CuDNN(allowed);
  return 0;
}

hw_generator* new_generator(uint64_t seed, int32_t device_type, int32_t device_index) {
  if (device_type != static_cast<int32_t>(c10::DeviceType::CPU)) {
    // A private CUDA generator needs CUDA headers at build time; the shim stays CPU-buildable.
    throw hw::ArgumentError(
        "generators of their own exist for the CPU only; seed CUDA devices with manual_seed "
        "(device_index " + std::to_string(device_index) + ")");
  }
  return new hw_generator{at::make_generator<at::CPUGeneratorImpl>(seed)};
}

// OpenBLAS keeps its own pthread pool, sized to every core and not governed by at::set_num_threads; when
// libtorch runs on fewer threads, OpenBLAS's spinning workers compete with libtorch's own thread.
int32_t blas_threads_set(int32_t n) {
  if (n < 1) throw hw::ArgumentError("BLAS thread count must be at least 1, got " + std::to_string(n));
  using get_fn = int (*)();
  using set_fn = void (*)(int);
  auto get = reinterpret_cast<get_fn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  auto set = reinterpret_cast<set_fn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (get == nullptr || set == nullptr) return 0;
  const int previous = get();
  set(n);
  return previous;
}

std::string library_path() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&at::get_num_threads), &info) != 0 && info.dli_fname) {
    return info.dli_fname;
  }
  return "";
}

}  // namespace

extern "C" {

HW_API const char* hw_runtime_version(void) { return TORCH_VERSION; }
HW_API int32_t hw_runtime_abi_version(void) { return HW_ABI_VERSION; }
HW_API char* hw_runtime_library_path(void) { HW_GUARD(nullptr, return copy_string(library_path());) }
HW_API char* hw_runtime_config(void) { HW_GUARD(nullptr, return copy_string(at::show_config());) }
HW_API int32_t hw_runtime_threads_get(void) { HW_GUARD(-1, return at::get_num_threads();) }
HW_API int32_t hw_runtime_threads_set(int32_t n) { HW_GUARD(-1, at::set_num_threads(n); return 0;) }
HW_API int32_t hw_runtime_blas_threads_set(int32_t n) { HW_GUARD(-1, return blas_threads_set(n);) }
HW_API int32_t hw_runtime_cuda_compiled(void) { HW_GUARD(-1, return at::globalContext().hasCUDA() ? 1 : 0;) }
HW_API int32_t hw_runtime_cuda_device_count(void) { HW_GUARD(-1, return cuda_device_count();) }
HW_API int32_t hw_runtime_manual_seed(uint64_t seed) { HW_GUARD(-1, return manual_seed(seed);) }
HW_API int32_t hw_runtime_tf32_get(int32_t backend) { HW_GUARD(-1, return tf32_get(backend);) }
HW_API int32_t hw_runtime_tf32_set(int32_t backend, int32_t allowed) { HW_GUARD(-1, return tf32_set(backend, allowed != 0);) }
HW_API void hw_string_free(char* s) { std::free(s); }

HW_API hw_generator* hw_generator_new(uint64_t seed, int32_t device_type, int32_t device_index) {
  HW_GUARD(nullptr, return new_generator(seed, device_type, device_index);)
}
HW_API int32_t hw_generator_seed(hw_generator* g, uint64_t seed) {
  HW_GUARD(-1, if (!g) throw hw::ArgumentError("null generator"); seed_generator(g->generator, seed); return 0;)
}
HW_API void hw_generator_free(hw_generator* g) { delete g; }

}  // extern "C"
