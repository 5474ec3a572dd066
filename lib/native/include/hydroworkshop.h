/*
 * hydroworkshop.h - the flat C ABI of HydroWorkshop's libtorch shim.
 *
 * Compiles as plain C99 and as C++. Naming: hw_<area>_<verb>.
 *
 * Conventions (the same for every export):
 *  - No C++ exception ever crosses this boundary. A failing call returns its documented
 *    failure value (NULL for handles, -1 for int status/counts) and sets a thread-local
 *    error message, read with hw_error_last() on the same thread.
 *  - The caller owns every handle it receives and frees it with the matching call
 *    (hw_tensor_free, hw_op_free, hw_generator_free, hw_string_free, hw_tensor_array_free).
 *  - Handles are never NULL on success; a NULL handle argument is an error, never a crash.
 */
#ifndef HYDROWORKSHOP_H
#define HYDROWORKSHOP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define HW_API __declspec(dllexport)
#else
#define HW_API __attribute__((visibility("default")))
#endif

/* Opaque handles. */
typedef struct hw_tensor hw_tensor;       /* one owned reference to a tensor */
typedef struct hw_op hw_op;               /* a resolved ATen operator (schema + kernel table) */
typedef struct hw_generator hw_generator; /* a random-number generator with its own seed */

/* Error kinds, so that bindings can choose an exception type. */
enum hw_error_kind {
  HW_ERROR_NONE = 0,
  HW_ERROR_GENERIC = 1,
  HW_ERROR_INDEX = 2,        /* c10::IndexError: an index out of range */
  HW_ERROR_VALUE = 3,        /* c10::ValueError */
  HW_ERROR_TYPE = 4,         /* c10::TypeError: wrong dtype or argument type */
  HW_ERROR_NOT_IMPLEMENTED = 5,
  HW_ERROR_ARGUMENT = 6      /* raised by the shim itself: bad handle, bad value kind */
};

/* Kinds of hw_value: one argument to, or one result of, a boxed operator call. */
enum hw_value_kind {
  HW_VALUE_NONE = 0,         /* None / an undefined optional tensor */
  HW_VALUE_TENSOR = 1,       /* p: hw_tensor* */
  HW_VALUE_INT = 2,          /* i; also ScalarType, Layout and MemoryFormat arguments */
  HW_VALUE_DOUBLE = 3,       /* d */
  HW_VALUE_BOOL = 4,         /* i != 0 */
  HW_VALUE_INT_LIST = 5,     /* p: const int64_t[count] */
  HW_VALUE_DOUBLE_LIST = 6,  /* p: const double[count] */
  HW_VALUE_BOOL_LIST = 7,    /* p: const uint8_t[count] */
  HW_VALUE_TENSOR_LIST = 8,  /* p: hw_tensor*[count]; results: free the array with hw_tensor_array_free */
  HW_VALUE_OPTIONAL_TENSOR_LIST = 9, /* p: hw_tensor*[count], NULL entries are None */
  HW_VALUE_STRING = 10,      /* p: const char* (UTF-8, NUL-terminated) */
  HW_VALUE_DEVICE = 11,      /* i: device type (0 cpu, 1 cuda), count: device index (-1 for none) */
  HW_VALUE_GENERATOR = 12    /* p: hw_generator* */
};

/* A tagged value, 32 bytes, passed by pointer in arrays. */
typedef struct hw_value {
  int32_t kind;   /* enum hw_value_kind */
  int32_t count;  /* list length; device index for HW_VALUE_DEVICE */
  int64_t i;
  double d;
  void* p;
} hw_value;

/* ---- errors ---------------------------------------------------------------------------- */
/* The message of the last failed call on this thread, or NULL. Owned by the shim; valid until
 * the next failing call on this thread. */
HW_API const char* hw_error_last(void);
HW_API int32_t hw_error_kind(void);
HW_API void hw_error_clear(void);

/* ---- runtime: versions, threads, devices, seeds ---------------------------------------- */
HW_API const char* hw_runtime_version(void);           /* libtorch version, static string */
HW_API int32_t hw_runtime_abi_version(void);           /* this header's ABI version */
HW_API char* hw_runtime_library_path(void);            /* path of the loaded libtorch_cpu; free with hw_string_free */
HW_API char* hw_runtime_config(void);                  /* at::show_config(); free with hw_string_free */
HW_API int32_t hw_runtime_threads_get(void);
HW_API int32_t hw_runtime_threads_set(int32_t n);
/* Sets the thread count of the BLAS libtorch calls, when it is OpenBLAS (found at run time with dlsym);
 * returns the previous count, 0 when the BLAS has no such setting (then nothing changes). */
HW_API int32_t hw_runtime_blas_threads_set(int32_t n);
HW_API int32_t hw_runtime_cuda_compiled(void);         /* 1 when this libtorch has CUDA support */
HW_API int32_t hw_runtime_cuda_device_count(void);     /* devices visible to CUDA, 0 without */
HW_API int32_t hw_runtime_manual_seed(uint64_t seed);  /* seeds CPU and every CUDA device */
/* Whether float32 work may use TF32 tensor cores on CUDA: backend 0 is cuBLAS matmul (PyTorch's
 * torch.backends.cuda.matmul.allow_tf32, default off), 1 is cuDNN convolutions and RNNs
 * (torch.backends.cudnn.allow_tf32, default on). get returns 1 or 0; set returns 0; both -1 on error. */
HW_API int32_t hw_runtime_tf32_get(int32_t backend);
HW_API int32_t hw_runtime_tf32_set(int32_t backend, int32_t allowed);
HW_API void hw_string_free(char* s);

/* ---- generators ------------------------------------------------------------------------ */
HW_API hw_generator* hw_generator_new(uint64_t seed, int32_t device_type, int32_t device_index);
HW_API int32_t hw_generator_seed(hw_generator* g, uint64_t seed);
HW_API void hw_generator_free(hw_generator* g);

/* ---- tensors: lifetime and metadata ---------------------------------------------------- */
/* A new CPU tensor of dtype `scalar_type` and shape [ndim] that holds a copy of `data`
 * (nbytes must equal numel * element size). */
HW_API hw_tensor* hw_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape,
                                      int32_t ndim, int32_t scalar_type);
HW_API hw_tensor* hw_tensor_alias(const hw_tensor* t);  /* a second reference to the same tensor */
HW_API void hw_tensor_free(hw_tensor* t);
HW_API int32_t hw_tensor_dim(const hw_tensor* t);
HW_API int32_t hw_tensor_shape(const hw_tensor* t, int64_t* sizes, int32_t capacity);
HW_API int32_t hw_tensor_strides(const hw_tensor* t, int64_t* strides, int32_t capacity);
HW_API int64_t hw_tensor_numel(const hw_tensor* t);
HW_API int32_t hw_tensor_scalar_type(const hw_tensor* t);
HW_API int32_t hw_tensor_device(const hw_tensor* t, int32_t* device_index); /* returns type */
HW_API int32_t hw_tensor_is_contiguous(const hw_tensor* t);
/* Pointer to the first element of a CPU tensor (NULL with an error otherwise). */
HW_API void* hw_tensor_data_ptr(const hw_tensor* t);
/* Copies the elements, in row-major order, into dst (any layout or device; nbytes must match). */
HW_API int32_t hw_tensor_copy_to(const hw_tensor* t, void* dst, int64_t nbytes);
/* Replaces t's data (storage, dtype, device) with `data`'s, keeping t's identity and autograd flags
 * (PyTorch's `param.data = new`), so that optimizers holding t see a module moved to another device. */
HW_API int32_t hw_tensor_set_data(hw_tensor* t, const hw_tensor* data);
/* Overwrites the elements of a tensor from row-major src (any layout or device). */
HW_API int32_t hw_tensor_copy_from(hw_tensor* t, const void* src, int64_t nbytes);

/* ---- autograd -------------------------------------------------------------------------- */
HW_API int32_t hw_tensor_requires_grad(const hw_tensor* t);
HW_API int32_t hw_tensor_set_requires_grad(hw_tensor* t, int32_t requires_grad);
HW_API int32_t hw_tensor_is_leaf(const hw_tensor* t);
/* *grad receives a new handle to t's gradient, or NULL when it has none. */
HW_API int32_t hw_tensor_grad(const hw_tensor* t, hw_tensor** grad);
/* Replaces t's gradient; grad NULL clears it (set_to_none). */
HW_API int32_t hw_tensor_set_grad(hw_tensor* t, const hw_tensor* grad);
HW_API int32_t hw_autograd_backward(const hw_tensor* t, const hw_tensor* gradient,
                                    int32_t retain_graph, int32_t create_graph);
/* Gradients of `output` w.r.t. inputs[n] (torch.autograd.grad); grads[n] receive new handles
 * (NULL where an input is unused and allow_unused is set). */
HW_API int32_t hw_autograd_grad(const hw_tensor* output, const hw_tensor* grad_output,
                                hw_tensor* const* inputs, int32_t n, hw_tensor** grads,
                                int32_t retain_graph, int32_t create_graph, int32_t allow_unused);
HW_API int32_t hw_autograd_is_enabled(void);
HW_API void hw_autograd_set_enabled(int32_t enabled);  /* thread-local, like torch.no_grad */

/* ---- operators through the dispatcher (boxed calls) ------------------------------------ */
/* Resolves "aten::add" with overload "Tensor" ("" for the default). Cache the handle. */
HW_API hw_op* hw_op_find(const char* name, const char* overload);
HW_API void hw_op_free(hw_op* op);
HW_API char* hw_op_schema(const hw_op* op);   /* the schema as text; free with hw_string_free */
HW_API int32_t hw_op_argument_count(const hw_op* op);
/* Calls the operator. args[nargs] may stop early: trailing arguments with defaults are filled
 * in from the schema. Results are written to results[capacity]; returns how many, or -1.
 * Tensors in results are new handles owned by the caller. */
HW_API int32_t hw_op_call(const hw_op* op, const hw_value* args, int32_t nargs,
                          hw_value* results, int32_t capacity);
HW_API void hw_tensor_array_free(hw_tensor** array);  /* frees the array only, not its tensors */

#define HW_ABI_VERSION 1

#ifdef __cplusplus
}
#endif
#endif /* HYDROWORKSHOP_H */
