package dev.windlass.winch.vm;

/**
 * Which execution limits compiled code enforces; both change the code, so they are compile
 * options. With both off the generator emits exactly what it emits without metering.
 *
 * @param fuel   charge every operator to the store's fuel counter and trap with OUT_OF_FUEL
 *               when it would go negative (the code generator's {@code MeteringLowering} has the rules)
 * @param epochs compare the engine's epoch counter with the store's deadline at function
 *               entry and loop headers and trap with INTERRUPT once the deadline is reached
 */
public record Metering(boolean fuel, boolean epochs) {

    /** No metering: the code has no fuel or epoch instructions. */
    public static final Metering NONE = new Metering(false, false);
}
