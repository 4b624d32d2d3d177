package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.CodeBuffer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link MacroAssembler} that records each call as a line of text, so tests can see what the
 * code generator asks for without an ISA. The operations that manage their own operands
 * (shift, divide) pop into registers and push the result, as an ISA would.
 */
final class RecordingMacroAssembler {

    final List<String> trace = new ArrayList<>();
    private final CodeBuffer labels = new CodeBuffer((code, offset, length) -> { });
    final MacroAssembler masm = (MacroAssembler) Proxy.newProxyInstance(
            MacroAssembler.class.getClassLoader(), new Class<?>[] {MacroAssembler.class}, (proxy, method, args) -> {
                String name = method.getName();
                switch (name) {
                    case "newLabel" -> {
                        return labels.newLabel();
                    }
                    case "offset" -> {
                        return trace.size();
                    }
                    case "recordSourceOffset" -> {
                        return null;
                    }
                    case "shift", "divide" -> {
                        CodeGenContext context = (CodeGenContext) args[0];
                        Reg right = context.popToReg(Reg.Bank.INT);
                        Reg left = context.popToReg(Reg.Bank.INT);
                        trace.add(name + " " + args[1] + " " + left + ", " + right + " " + args[2]);
                        context.free(right);
                        context.pushReg(args[2] == OperandSize.S32 ? dev.windlass.winch.wasm.ValType.I32
                                : dev.windlass.winch.wasm.ValType.I64, left);
                        return null;
                    }
                    default -> {
                        trace.add(args == null ? name : name + " " + Arrays.stream(args).map(String::valueOf)
                                .collect(Collectors.joining(", ")));
                        return null;
                    }
                }
            });

    String text() {
        return String.join("\n", trace);
    }
}
