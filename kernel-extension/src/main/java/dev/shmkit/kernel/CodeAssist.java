package dev.shmkit.kernel;

import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Completion, completeness checks and documentation lookup, all answered by JShell's source analysis. */
final class CodeAssist {
    /** Indent offered for the next line of an unfinished block, as Jupyter consoles expect. */
    private static final String INDENT = "    ";

    private final SourceCodeAnalysis sca;

    CodeAssist(SourceCodeAnalysis sca) {
        this.sca = sca;
    }

    /** Completions at {@code at}; null when there are none. */
    ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = sca.completionSuggestions(code, at, anchor);
        Set<String> texts = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> texts.add(s.continuation()));
        suggestions.forEach(s -> texts.add(s.continuation()));
        return texts.isEmpty() ? null : new ReplacementOptions(List.copyOf(texts), anchor[0], at);
    }

    /** Jupyter's is_complete answer for (magic-free) code. */
    String isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
                    return INDENT;
                case UNKNOWN:
                    return BaseKernel.IS_COMPLETE_BAD;
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                default:
                    rest = info.remaining();
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    /** Signatures (and Javadoc where the JDK's sources are installed) of what is at {@code at}; null if nothing. */
    DisplayData inspect(String code, int at, boolean detail) {
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, at, detail);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append(d.javadoc().strip()).append("\n\n");
            }
        }
        return new DisplayData(text.toString().stripTrailing());
    }
}
