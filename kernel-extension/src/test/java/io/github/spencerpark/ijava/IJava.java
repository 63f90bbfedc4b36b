package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stand-in for IJava's entry class (not on Maven Central): the members IJavaBootstrap reaches by reflection. */
public final class IJava {
    private static final FakeKernel KERNEL = new FakeKernel();

    private IJava() {
    }

    public static FakeKernel getKernelInstance() {
        return KERNEL;
    }

    /** IJava's JavaKernel surface: a magics registry, evalRaw of variables, captured displays. */
    public static final class FakeKernel extends BaseKernel {
        public final Magics magics = new Magics();
        public final Map<String, Object> variables = new HashMap<>();
        public final List<String> evaluated = new ArrayList<>();
        public final List<DisplayData> displayed = new ArrayList<>();

        public Magics getMagics() {
            return magics;
        }

        public Object evalRaw(String src) {
            evaluated.add(src);
            if (src.endsWith(";")) {
                return null;
            }
            if (!variables.containsKey(src)) {
                throw new IllegalStateException("cannot find symbol: variable " + src);
            }
            return variables.get(src);
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo("java", "17", "text/x-java-source", ".jshell", "java", "java", null);
        }
    }
}
