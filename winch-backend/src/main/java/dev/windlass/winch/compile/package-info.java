/**
 * The compiler's entry point: {@link dev.windlass.winch.compile.ModuleCompiler} turns a decoded
 * module into a {@link dev.windlass.winch.compile.CompiledModule}, position-independent x86-64
 * code with its trap table and source map. The code generator behind it lives in the
 * non-exported packages {@code codegen} (ISA-neutral, single pass) and {@code codegen.x64}.
 * Dependencies point one way: {@code compile} uses {@code codegen}, never the reverse; both use
 * {@code wasm}, {@code isa} and {@code vm}.
 */
package dev.windlass.winch.compile;
