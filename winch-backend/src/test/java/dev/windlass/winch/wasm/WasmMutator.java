package dev.windlass.winch.wasm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a real module into a hostile one, the way a fuzzer would: blind byte-level damage
 * (truncation, bit flips, interesting bytes, splices) and damage aimed at the format's length
 * fields (a section's or a vector's count rewritten to claim gigabytes, with the enclosing
 * sizes fixed up so that the decoder actually reaches the lie).
 *
 * <p>Every mutant comes with a description precise enough to rebuild it by hand.
 */
final class WasmMutator {

    /** A hostile input and how it was made. */
    record Mutant(byte[] bytes, String description) {
    }

    /**
     * LEB128 encodings of counts and lengths no input can back: 2^32 - 1, 2^31 - 1, 2^31,
     * 2^30 (one GiB), and two that are malformed in themselves (too large, too long).
     */
    static final byte[][] HUGE_LEBS = {
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04},
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
    };

    private static final int[] INTERESTING_BYTES = {0x00, 0x7F, 0x80, 0xFF};

    private WasmMutator() {
    }

    /** {@return one random mutant of {@code base}, using {@code other} for splices} */
    static Mutant mutate(SplittableRandom random, byte[] base, byte[] other) {
        if (base.length == 0 || other.length == 0) { // the corpus has empty files: nothing to cut or splice
            return new Mutant(Arrays.copyOf(other, other.length), "an empty module's splice: the other module as is");
        }
        return switch (random.nextInt(8)) {
            case 0 -> truncate(random, base);
            case 1 -> flipBits(random, base, 1);
            case 2 -> flipBits(random, base, 2 + random.nextInt(15));
            case 3 -> overwrite(random, base);
            case 4 -> splice(random, base, other);
            case 5 -> hugeSectionCount(random, base);
            case 6 -> hugeLebAnywhere(random, base);
            default -> hugeLengthInFunctionBody(random, base);
        };
    }

    /** {@return the module cut at every section boundary: before each section, after its id, after its size} */
    static List<Mutant> truncationsAtSectionBoundaries(byte[] base) {
        List<Mutant> mutants = new ArrayList<>();
        for (Section s : sections(base)) {
            for (int cut : new int[] {s.start, s.start + 1, s.payloadStart, s.payloadStart + 1, s.end - 1}) {
                if (cut > 0 && cut < base.length) {
                    mutants.add(new Mutant(Arrays.copyOf(base, cut), "truncate at " + cut + " (section " + s.id + " boundary)"));
                }
            }
        }
        return mutants;
    }

    static Mutant truncate(SplittableRandom random, byte[] base) {
        int cut = random.nextInt(base.length);
        return new Mutant(Arrays.copyOf(base, cut), "truncate at " + cut);
    }

    static Mutant flipBits(SplittableRandom random, byte[] base, int count) {
        byte[] b = base.clone();
        StringBuilder what = new StringBuilder("flip bits");
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(b.length);
            int bit = random.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            what.append(' ').append(at).append(':').append(bit);
        }
        return new Mutant(b, what.toString());
    }

    static Mutant overwrite(SplittableRandom random, byte[] base) {
        byte[] b = base.clone();
        int runs = 1 + random.nextInt(4);
        StringBuilder what = new StringBuilder("overwrite");
        for (int i = 0; i < runs; i++) {
            int at = random.nextInt(b.length);
            int value = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            int length = Math.min(1 + random.nextInt(5), b.length - at);
            Arrays.fill(b, at, at + length, (byte) value);
            what.append(String.format(" %d..%d=0x%02x", at, at + length, value));
        }
        return new Mutant(b, what.toString());
    }

    /** A chunk of {@code donor} inserted into, or written over part of, {@code base}. */
    static Mutant splice(SplittableRandom random, byte[] base, byte[] donor) {
        int from = random.nextInt(donor.length);
        int length = Math.min(1 + random.nextInt(256), donor.length - from);
        int at = random.nextInt(base.length + 1);
        boolean replace = random.nextBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + length);
        out.write(base, 0, at);
        out.write(donor, from, length);
        int resume = replace ? Math.min(base.length, at + length) : at;
        out.write(base, resume, base.length - resume);
        return new Mutant(out.toByteArray(), (replace ? "splice over " : "splice into ") + at
                + " donor[" + from + ".." + (from + length) + ")");
    }

    /**
     * The first LEB of a non-custom section (its vector count, or the start or data-count
     * index) rewritten to a huge value; the section size is fixed up half of the time, so the
     * decoder reaches the count instead of stopping at the size.
     */
    static Mutant hugeSectionCount(SplittableRandom random, byte[] base) {
        List<Section> candidates = sections(base).stream().filter(s -> s.id != 0 && s.end > s.payloadStart).toList();
        if (candidates.isEmpty()) {
            return truncate(random, base);
        }
        Section s = candidates.get(random.nextInt(candidates.size()));
        byte[] huge = HUGE_LEBS[random.nextInt(HUGE_LEBS.length)];
        int lebEnd = lebEnd(base, s.payloadStart, s.end);
        byte[] payload = concat(huge, Arrays.copyOfRange(base, lebEnd, s.end));
        boolean fixSize = random.nextBoolean();
        byte[] mutant = fixSize ? replaceSection(base, s, payload) : replaceRange(base, s.payloadStart, lebEnd, huge);
        return new Mutant(mutant, "section " + s.id + " count := " + hex(huge) + (fixSize ? " (size fixed up)" : ""));
    }

    /** Whatever LEB starts at a random offset rewritten to a huge value; the enclosing section's size is fixed up. */
    static Mutant hugeLebAnywhere(SplittableRandom random, byte[] base) {
        byte[] huge = HUGE_LEBS[random.nextInt(HUGE_LEBS.length)];
        for (Section s : sections(base)) {
            if (s.end - s.payloadStart < 2 || random.nextInt(3) != 0) {
                continue;
            }
            int at = s.payloadStart + random.nextInt(s.end - s.payloadStart);
            int end = lebEnd(base, at, s.end);
            byte[] payload = concat(Arrays.copyOfRange(base, s.payloadStart, at), huge, Arrays.copyOfRange(base, end, s.end));
            return new Mutant(replaceSection(base, s, payload), "LEB at " + at + " := " + hex(huge) + " (section " + s.id + ", size fixed up)");
        }
        int at = random.nextInt(base.length);
        return new Mutant(replaceRange(base, at, lebEnd(base, at, base.length), huge), "LEB at " + at + " := " + hex(huge));
    }

    /**
     * Inside one function body, the local-declaration count, a local run's count, or a LEB at
     * a random spot (a br_table count, a select type count, an index) rewritten to a huge
     * value, with the body size and the code section size fixed up.
     */
    static Mutant hugeLengthInFunctionBody(SplittableRandom random, byte[] base) {
        Section code = sections(base).stream().filter(s -> s.id == 10).findFirst().orElse(null);
        if (code == null) {
            return hugeLebAnywhere(random, base);
        }
        try {
            return hugeLengthInFunctionBody(random, base, code);
        } catch (WasmMalformedException notACodeSection) {
            return hugeLebAnywhere(random, base); // the corpus holds malformed modules too
        }
    }

    private static Mutant hugeLengthInFunctionBody(SplittableRandom random, byte[] base, Section code) {
        WasmReader in = new WasmReader(base, code.payloadStart, code.end);
        int count = in.u32();
        if (count <= 0) {
            return hugeLebAnywhere(random, base);
        }
        int target = random.nextInt(Math.min(count, 1000));
        for (int i = 0; i < target; i++) {
            in.skip(in.u32());
        }
        int bodyStart = in.position();
        int bodySize = in.u32();
        int declStart = in.position();
        int bodyEnd = declStart + bodySize;
        int at = switch (random.nextInt(3)) {
            case 0 -> declStart; // the number of local runs
            case 1 -> lebEnd(base, declStart, bodyEnd); // the first run's count
            default -> declStart + random.nextInt(Math.max(1, bodySize));
        };
        at = Math.min(at, bodyEnd);
        byte[] huge = HUGE_LEBS[random.nextInt(HUGE_LEBS.length)];
        byte[] newBody = concat(Arrays.copyOfRange(base, declStart, at), huge, Arrays.copyOfRange(base, lebEnd(base, at, bodyEnd), bodyEnd));
        byte[] payload = concat(Arrays.copyOfRange(base, code.payloadStart, bodyStart), TestModules.u32(newBody.length), newBody,
                Arrays.copyOfRange(base, bodyEnd, code.end));
        return new Mutant(replaceSection(base, code, payload),
                "function body " + target + ": LEB at " + at + " := " + hex(huge) + " (sizes fixed up)");
    }

    // ---- The section structure of a (well-formed prefix of a) module ----

    /** One top-level section: where its id byte, its payload and its end are. */
    record Section(int id, int start, int payloadStart, int end) {
    }

    /** {@return the sections that can be read before the bytes stop making sense} */
    static List<Section> sections(byte[] module) {
        List<Section> sections = new ArrayList<>();
        WasmReader in = new WasmReader(module, 8, module.length);
        try {
            while (!in.atEnd()) {
                int start = in.position();
                int id = in.u8();
                int size = in.u32();
                if (size < 0 || size > in.remaining()) {
                    break;
                }
                int payloadStart = in.position();
                in.skip(size);
                sections.add(new Section(id, start, payloadStart, payloadStart + size));
            }
        } catch (WasmMalformedException stop) {
            // Keep what was read.
        }
        return sections;
    }

    private static byte[] replaceSection(byte[] module, Section s, byte[] payload) {
        byte[] header = concat(new byte[] {(byte) s.id}, TestModules.u32(payload.length));
        return concat(Arrays.copyOfRange(module, 0, s.start), header, payload, Arrays.copyOfRange(module, s.end, module.length));
    }

    private static byte[] replaceRange(byte[] b, int from, int to, byte[] with) {
        return concat(Arrays.copyOfRange(b, 0, from), with, Arrays.copyOfRange(b, to, b.length));
    }

    /** {@return where a LEB128 starting at {@code at} ends (at most 10 bytes, never past {@code limit})} */
    static int lebEnd(byte[] b, int at, int limit) {
        int p = at;
        while (p < limit && p - at < 10) {
            if ((b[p++] & 0x80) == 0) {
                break;
            }
        }
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        return TestModules.concat(parts);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
