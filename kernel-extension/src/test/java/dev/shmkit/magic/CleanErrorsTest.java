package dev.shmkit.magic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Stack traces as stock JJava 1.0-a6 prints them (copied from a real run), cleaned or left alone. */
class CleanErrorsTest {
    private final CleanErrors clean = new CleanErrors(Set.of("share", "compare"));

    @Test
    void shouldShowMagicFailureAsItsMessage() {
        String trace = "java.lang.RuntimeException: java.lang.RuntimeException, Exception occurred while running line magic"
                + " 'share': %share: unknown variable 'nosuch'\nusage: %share VAR [as NAME]\n"
                + "\tat org.dflib.jjava.kernel.execution.CodeEvaluator.evalSingle(CodeEvaluator.java:115)\n"
                + "Caused by: jdk.jshell.EvalException: Exception occurred while running line magic 'share': %share: unknown\n"
                + "\tat org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.lineMagic(BaseNotebookStatics.java:31)\n";
        assertEquals(List.of("%share: unknown variable 'nosuch'", "usage: %share VAR [as NAME]"), clean.clean(trace));
    }

    @Test
    void shouldNameTheCellMagicWhenTheMessageDoesNot() {
        String trace = "java.lang.RuntimeException: java.lang.RuntimeException, Exception occurred while running cell magic"
                + " 'compare': class=REPL.$JShell$24 cannot be sent\n\tat x.y(Z.java:1)\n";
        assertEquals(List.of("%%compare: class=REPL.$JShell$24 cannot be sent"), clean.clean(trace));
    }

    @Test
    void shouldShowShmkitExceptionAsSimpleNameAndMessage() {
        String trace = "java.lang.RuntimeException: dev.shmkit.segment.SegmentNotFoundException, no entry 'x' in space /s\n"
                + "\tat org.dflib.jjava.kernel.execution.CodeEvaluator.evalSingle(CodeEvaluator.java:115)\n"
                + "Caused by: jdk.jshell.EvalException: no entry 'x' in space /s\n\tat .(#3:1)\n";
        assertEquals(List.of("SegmentNotFoundException: no entry 'x' in space /s"), clean.clean(trace));
    }

    @Test
    void shouldLeaveOtherFailuresAlone() {
        assertNull(clean.clean("java.lang.RuntimeException: java.lang.NullPointerException, null\n\tat a.b(C.java:1)\n"));
        assertNull(clean.clean("java.lang.RuntimeException: java.lang.RuntimeException, Exception occurred while running"
                + " line magic 'maven': cannot resolve\n\tat a.b(C.java:1)\n"));
        assertNull(clean.clean("java.lang.IllegalStateException: boom\n\tat a.b(C.java:1)\n"));
    }
}
