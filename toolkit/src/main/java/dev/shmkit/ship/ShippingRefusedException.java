package dev.shmkit.ship;

import dev.shmkit.ShmkitException;

/** A task was refused before anything ran: it reads something that cannot or should not be shipped. */
public class ShippingRefusedException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    /** A refusal with its reason and fix. */
    public ShippingRefusedException(String message) {
        super(message);
    }

    /** A refusal with its reason, fix and underlying failure. */
    public ShippingRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
