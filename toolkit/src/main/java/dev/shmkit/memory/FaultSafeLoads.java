package dev.shmkit.memory;

import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Loads from mapped memory shaped so that a fault in them cannot crash the JVM.
 *
 * <p>A read of a page that a truncation removed raises SIGBUS. HotSpot turns a SIGBUS in compiled
 * code into an {@code InternalError} by decoding the faulting instruction to find the next one, and
 * its decoder does not know every instruction C2 emits: a 32-bit load sign-extended to 64 bits in
 * one instruction ({@code movslq}, what C2 makes of {@code (long) unsafe.getInt(a)}) makes the
 * signal handler itself fail ({@code Assembler::locate_operand}, ShouldNotReachHere) and the JVM
 * abort. Measured on HotSpot 17.0.15 and 25.0.3: such a load crashed 5 of 5 fresh JVMs whose
 * compiled loop summed ints into a long; the load below crashed none. Loads of bytes, shorts, longs,
 * floats, doubles and bulk copies ({@code Unsafe.copyMemory}) are decoded fine.
 */
public final class FaultSafeLoads {
    /** Flips the sign bit: {@code (v ^ SIGN) - SIGN} sign-extends a zero-extended 32-bit value. */
    private static final long SIGN = 0x8000_0000L;

    private FaultSafeLoads() {
    }

    /**
     * The int at {@code address}. The load is a zero-extending 32-bit {@code mov}, which HotSpot's
     * fault handler decodes, whatever the caller then widens the value to.
     */
    public static int int32(long address) {
        long v = UnsafeMemory.MEMORY.readInt(address) & 0xFFFF_FFFFL;
        return (int) ((v ^ SIGN) - SIGN);
    }
}
