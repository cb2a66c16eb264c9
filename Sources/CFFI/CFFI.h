// libffi and the dynamic loader, as the wasi:dl host (WasmPlugDL) uses them.
#ifndef WASMPLUG_CFFI_H
#define WASMPLUG_CFFI_H

#include <dlfcn.h>
#include <ffi.h>

/// The scalar C types wasi:dl knows, numbered as WasmPlugDL's `CScalar` cases.
typedef enum {
    CFFI_SINT8, CFFI_UINT8, CFFI_SINT16, CFFI_UINT16, CFFI_SINT32, CFFI_UINT32,
    CFFI_SINT64, CFFI_UINT64, CFFI_FLOAT, CFFI_DOUBLE, CFFI_POINTER, CFFI_VOID
} cffi_scalar_t;

/// libffi's built-in type description of `scalar`. Those descriptions are global variables
/// that libffi never changes after start-up; a function hands out their addresses so Swift
/// does not see them as shared mutable state.
static inline ffi_type *cffi_scalar_type(cffi_scalar_t scalar) {
    switch (scalar) {
    case CFFI_SINT8: return &ffi_type_sint8;
    case CFFI_UINT8: return &ffi_type_uint8;
    case CFFI_SINT16: return &ffi_type_sint16;
    case CFFI_UINT16: return &ffi_type_uint16;
    case CFFI_SINT32: return &ffi_type_sint32;
    case CFFI_UINT32: return &ffi_type_uint32;
    case CFFI_SINT64: return &ffi_type_sint64;
    case CFFI_UINT64: return &ffi_type_uint64;
    case CFFI_FLOAT: return &ffi_type_float;
    case CFFI_DOUBLE: return &ffi_type_double;
    case CFFI_POINTER: return &ffi_type_pointer;
    case CFFI_VOID: return &ffi_type_void;
    }
    return 0;
}

#endif
