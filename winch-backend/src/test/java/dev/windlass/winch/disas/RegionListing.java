package dev.windlass.winch.disas;

import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.compile.TrapSite;
import dev.windlass.winch.testing.Objdump;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One region's objdump lines as stable, reviewable text:
 *
 * <pre>
 *   function 1 $div (i32, i32) -&gt; (i32):
 *          push rbp                                 instructions in objdump's Intel syntax
 *      2f: cmp ecx,0x0                              an offset only where a branch lands
 *          je 0x5a                                  branch targets relative to the region
 *          call &lt;function 2 $f&gt;                     calls (and jumps out of it) by name
 *          lea r11,[rip+&lt;0x36&gt;]                     code addresses relative to the region
 *          movss xmm1,DWORD PTR [rip+&lt;pool+0x10&gt;]   constants by their offset in the pool
 *      5a: call &lt;trap handler&gt;                      ; trap: INTEGER_DIVIDE_BY_ZERO
 *          nop padding, 6 bytes                     alignment nops, whatever their encoding
 *          pool:
 *        0: 00 00 00 80 00 00 ...                   the constant pool, 16 bytes a line
 * </pre>
 *
 * Offsets are printed only where something jumps to, so that a changed instruction changes its
 * own line and the branches over it, not every line after it.
 */
final class RegionListing {

    private static final Pattern DIRECT_BRANCH = Pattern.compile("^(call|jmp|j[a-z]+|loop[a-z]*) 0x([0-9a-f]+)$");
    private static final Pattern NOP = Pattern.compile("^((data16|cs|ds) )*(nop|xchg ax,ax)( .*)?$");
    private static final Pattern RIP_RELATIVE = Pattern.compile("\\[rip([+-])0x([0-9a-f]+)\\]");
    private static final int TRAP_NOTE_COLUMN = 48;
    private static final int POOL_ENTRY = 16;

    private final CompiledModule compiled;
    private final CodeMap map;
    private final CodeRegion region;
    private final List<Objdump.Line> lines;
    private final TreeSet<Integer> branchTargets = new TreeSet<>();
    private int poolStart;

    private RegionListing(CompiledModule compiled, CodeMap map, CodeRegion region, List<Objdump.Line> lines) {
        this.compiled = compiled;
        this.map = map;
        this.region = region;
        this.lines = lines;
    }

    /** {@return the listing of {@code region}}, from objdump's lines of exactly its bytes */
    static String of(CompiledModule compiled, CodeMap map, CodeRegion region, List<Objdump.Line> lines, String heading) {
        RegionListing listing = new RegionListing(compiled, map, region, lines);
        listing.findPoolAndTargets();
        return listing.render(heading);
    }

    /**
     * The constant pool follows the instructions (and their nop padding) and every entry in it
     * is loaded by some instruction, so its start is the lowest RIP-relative address loaded
     * from; objdump decodes the pool as garbage, which is why the scan stops there. A
     * RIP-relative {@code lea} is the address of a jump table, which lies inside the code.
     */
    private void findPoolAndTargets() {
        poolStart = region.end();
        for (Objdump.Line line : lines) {
            if (line.offset() >= poolStart) {
                break;
            }
            int rip = ripTarget(line);
            if (rip >= 0 && line.text().startsWith("lea ")) {
                branchTargets.add(rip);
            } else if (rip > line.offset() && rip < poolStart) {
                poolStart = rip;
            }
            Matcher branch = DIRECT_BRANCH.matcher(line.text());
            if (branch.matches() && !isCall(branch)) {
                branchTargets.add(Integer.parseInt(branch.group(2), 16));
            }
        }
        boolean hasPool = poolStart < region.end();
        if (hasPool && ((poolStart - region.start()) % POOL_ENTRY != 0 || (region.end() - poolStart) % POOL_ENTRY != 0)) {
            throw new IllegalStateException("%s: the constant pool found at 0x%x is not whole 16-byte entries up to 0x%x"
                    .formatted(region.title(), poolStart - region.start(), region.end() - region.start()));
        }
    }

    private String render(String heading) {
        StringBuilder out = new StringBuilder(heading).append('\n');
        List<Objdump.Line> instructions = lines.stream().filter(l -> l.offset() < poolStart).toList();
        if (region.shared()) {
            instructions = withoutTrailingPadding(instructions);
        }
        for (int i = 0; i < instructions.size(); i++) {
            Objdump.Line line = instructions.get(i);
            String label = branchTargets.contains(line.offset()) ? "%5x: ".formatted(relative(line.offset())) : "       ";
            if (isNopPadding(line)) {
                int paddingEnd = i;
                while (paddingEnd + 1 < instructions.size() && isNopPadding(instructions.get(paddingEnd + 1))
                        && !branchTargets.contains(instructions.get(paddingEnd + 1).offset())) {
                    paddingEnd++;
                }
                int bytes = instructions.get(paddingEnd).end() - line.offset();
                out.append(label).append("nop padding, ").append(bytes).append(bytes == 1 ? " byte" : " bytes").append('\n');
                i = paddingEnd;
                continue;
            }
            String text = label + rewriteAddresses(line);
            TrapSite trap = compiled.trapAt(line.offset());
            if (trap != null) {
                text = padRight(text, TRAP_NOTE_COLUMN) + "; trap: " + trap.code().name();
            }
            out.append(text.stripTrailing()).append('\n');
        }
        if (poolStart < region.end()) {
            appendPool(out);
        }
        return out.toString();
    }

    /**
     * Alignment padding: the multi-byte nops, whose text (prefixes such as {@code data16 cs})
     * differs between binutils versions, are shown as one line with their size.
     */
    private static boolean isNopPadding(Objdump.Line line) {
        return NOP.matcher(line.text()).matches();
    }

    private String rewriteAddresses(Objdump.Line line) {
        Matcher branch = DIRECT_BRANCH.matcher(line.text());
        if (branch.matches()) {
            int target = Integer.parseInt(branch.group(2), 16);
            return branch.group(1) + " " + (isCall(branch) ? map.symbolFor(target) : codeAddress(target));
        }
        Matcher rip = RIP_RELATIVE.matcher(line.text());
        if (rip.find()) {
            int target = ripTarget(line);
            String where;
            if (target >= poolStart && target < region.end()) {
                where = "<pool+0x" + Integer.toHexString(target - poolStart) + ">";
            } else if (target >= region.start() && target < poolStart) {
                where = "<" + codeAddress(target) + ">";
            } else {
                where = map.symbolFor(target);
            }
            return line.text().substring(0, rip.start()) + "[rip+" + where + "]" + line.text().substring(rip.end());
        }
        return line.text();
    }

    /** A target inside the region's instructions as its offset in the region, anything else by name. */
    private String codeAddress(int target) {
        if (target >= region.start() && target < poolStart) {
            return "0x" + Integer.toHexString(relative(target));
        }
        return map.symbolFor(target);
    }

    private void appendPool(StringBuilder out) {
        out.append("       pool:\n");
        byte[] code = compiled.code();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int entry = poolStart; entry < region.end(); entry += POOL_ENTRY) {
            out.append("%7x: ".formatted(entry - poolStart)).append(hex.formatHex(code, entry, entry + POOL_ENTRY)).append('\n');
        }
    }

    /** A call is always shown by its callee's name, even a recursive one. */
    private static boolean isCall(Matcher branch) {
        return branch.group(1).equals("call");
    }

    /** {@return the module offset {@code line} addresses RIP-relatively}, or -1 if it does not */
    private static int ripTarget(Objdump.Line line) {
        Matcher rip = RIP_RELATIVE.matcher(line.text());
        if (!rip.find()) {
            return -1;
        }
        int displacement = Integer.parseInt(rip.group(2), 16);
        return line.end() + (rip.group(1).equals("+") ? displacement : -displacement);
    }

    /** Shared code is followed by int3 up to the next piece's alignment; that is layout, not the stub. */
    private static List<Objdump.Line> withoutTrailingPadding(List<Objdump.Line> instructions) {
        int end = instructions.size();
        while (end > 0 && instructions.get(end - 1).text().equals("int3")) {
            end--;
        }
        return instructions.subList(0, end);
    }

    private int relative(int offset) {
        return offset - region.start();
    }

    private static String padRight(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
