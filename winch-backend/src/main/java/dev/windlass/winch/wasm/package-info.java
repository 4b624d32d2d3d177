/**
 * The front end: WebAssembly binary decoding and validation.
 *
 * <h2>Pipeline</h2>
 * <pre>
 *  byte[] ──ModuleDecoder.decode──▶ WasmModule ──ModuleValidator.validateModuleLevel──▶ (types, imports,
 *                                    │                                                   limits, segments,
 *                                    │                                                   const exprs, exports)
 *                                    └─ bodies() ──FunctionValidator.begin(module, body)──▶ next() ... next()
 *                                                    one operator decoded + type-checked per call;
 *                                                    the code generator emits between the calls
 * </pre>
 *
 * <p>{@link dev.windlass.winch.wasm.ModuleDecoder} reads every section eagerly but keeps function
 * bodies, constant expressions, data and custom sections as ranges of the input (nothing is
 * copied). Function bodies are read lazily by a {@link dev.windlass.winch.wasm.FunctionValidator},
 * which the code generator drives, so that decoding, validation and code generation are one pass
 * over the bytes, as wasmparser's {@code FuncValidator} does for Winch.
 *
 * <h2>Errors</h2>
 * Decoding errors are {@link dev.windlass.winch.wasm.WasmMalformedException}, validation errors
 * {@link dev.windlass.winch.wasm.WasmInvalidException}; both carry the byte offset and, inside a
 * body, the function index, with a reason worded like the spec interpreter's. The spec decodes a
 * whole module before validating it, so a module that is both malformed and invalid is malformed:
 * {@link dev.windlass.winch.wasm.ModuleValidator#validate} scans the remaining bodies for
 * decoding errors before it reports an invalid one. A valid module that uses what this build
 * cannot run yet (an operator, a CPU feature) is refused with
 * {@link dev.windlass.winch.wasm.UnsupportedFeatureException}, by the compiler or the runtime:
 * it lives here, with the other errors about a module, so that the compiler's packages and its
 * callers all reach it without depending on each other.
 *
 * <h2>Features</h2>
 * Wasm 2.0 is always on; multi-memory, memory64 (with table64), tail calls and extended-const are
 * chosen by {@link dev.windlass.winch.wasm.WasmFeatures}, so the spec tests of each proposal run
 * with exactly their own features.
 *
 * <h2>Hostile input</h2>
 * No length or count read from the input is trusted before it is checked against the bytes that
 * remain, so allocation stays proportional to the input's size. Implementation limits
 * ({@link dev.windlass.winch.wasm.ImplementationLimits}, the same as wasmparser's) bound counts
 * that the input could hold, such as locals per function.
 */
package dev.windlass.winch.wasm;
