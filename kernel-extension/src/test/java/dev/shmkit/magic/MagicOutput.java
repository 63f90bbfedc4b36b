package dev.shmkit.magic;

import dev.shmkit.kernel.ShmkitKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Runs a magic on a kernel and reads the two renderings of its output; shares the tests' usual table. */
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

    /** Defines {@code Table big} (one double column x = 0, 1, ..., rows - 1) in the kernel and shares it as {@code big}. */
    static void shareBig(ShmkitKernel kernel, int rows) {
        kernel.evalRaw("Table big = Table.create(\"big\", DoubleColumn.create(\"x\", java.util.stream.IntStream.range(0, "
                + rows + ").asDoubleStream().toArray()));");
        kernel.evalRaw("%share big");
    }
}
