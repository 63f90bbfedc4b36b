package dev.shmkit.kernel;

/** A cell was stopped by a kernel interrupt (Jupyter's stop button, {@code interrupt_request}). */
public class CellInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message the notebook shows. */
    public CellInterruptedException() {
        super("cell interrupted by the user; variables assigned before the interrupt keep their values");
    }
}
