package dev.shmkit.magic;

import dev.shmkit.kernel.ShmkitKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Runs a magic on a kernel and reads the two renderings of its output. */
final class MagicOutput {
    private MagicOutput() {
    }

    static DisplayData magic(ShmkitKernel kernel, String source) {
        return assertInstanceOf(DisplayData.class, kernel.evalRaw(source));
    }

    static String html(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_HTML));
    }

    static String text(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    }
}
