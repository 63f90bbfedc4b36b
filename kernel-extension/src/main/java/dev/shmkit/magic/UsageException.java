package dev.shmkit.magic;

import dev.shmkit.ShmkitException;

/** A magic was called wrongly; the message says what was wrong and gives the magic's correct usage. */
public class UsageException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    /** {@code problem} followed by {@code usage} on its own line. */
    public UsageException(String problem, String usage) {
        super(problem + "\nusage: " + usage);
    }
}
