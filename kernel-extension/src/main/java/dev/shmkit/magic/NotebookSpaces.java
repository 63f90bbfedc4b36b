package dev.shmkit.magic;

import dev.shmkit.space.SharedSpace;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spaces a notebook uses: its default space (the {@code space} variable of every notebook, and
 * what the magics use without {@code --space}) and named ones opened by {@code --space NAME}.
 * Opening a space initialises the mapping layer (about half a second in a fresh JVM), so the
 * kernel starts opening the default space in the background as soon as it starts.
 * Closing removes the segments this notebook published.
 */
public final class NotebookSpaces {
    private static volatile CompletableFuture<SharedSpace> defaultSpace;
    private static final Map<String, SharedSpace> NAMED = new ConcurrentHashMap<>();

    private NotebookSpaces() {
    }

    /** Starts opening the default space in the background, if not already started. */
    public static synchronized void openInBackground() {
        if (defaultSpace == null) {
            defaultSpace = CompletableFuture.supplyAsync(SharedSpace::open);
        }
    }

    /** The notebook's default space ({@code SharedSpace.open()}), opened on first use. */
    public static SharedSpace defaultSpace() {
        openInBackground();
        try {
            return defaultSpace.join();
        } catch (CompletionException e) {
            synchronized (NotebookSpaces.class) {
                defaultSpace = null; // let a later call retry, e.g. after SHMKIT_DIR was fixed
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** As {@link #defaultSpace()}, but null (with the reason printed) if it cannot be opened. */
    public static SharedSpace defaultSpaceOrNull() {
        try {
            return defaultSpace();
        } catch (RuntimeException e) {
            System.err.println("shmkit: the default space could not be opened, 'space' is null: " + e.getMessage());
            return null;
        }
    }

    /** The space given by {@code --space} ({@code null} means the default one). */
    public static SharedSpace space(String name) {
        return name == null ? defaultSpace() : NAMED.computeIfAbsent(name, SharedSpace::open);
    }

    /** Closes every space this notebook opened, removing the segments it published. */
    public static synchronized void closeAll() {
        NAMED.values().forEach(SharedSpace::close);
        NAMED.clear();
        if (defaultSpace != null && defaultSpace.isDone() && !defaultSpace.isCompletedExceptionally()) {
            defaultSpace.join().close();
        }
        defaultSpace = null;
    }
}
