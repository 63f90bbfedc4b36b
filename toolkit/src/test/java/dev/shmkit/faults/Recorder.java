package dev.shmkit.faults;

/** A class whose static initialiser and constructor leave a trace in system properties when they run. */
public class Recorder {
    /** Set by the static initialiser. */
    static final String INIT = "shmkit.faults.recorder.init";
    /** Set by the constructor. */
    static final String CONSTRUCTED = "shmkit.faults.recorder.constructed";

    static {
        System.setProperty(INIT, "ran");
    }

    public int payload = 42;

    public Recorder() {
        System.setProperty(CONSTRUCTED, "ran");
    }
}
