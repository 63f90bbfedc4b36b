package dev.shmkit.magic;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a reader sees of an HTML output in an untrusted notebook, as text: JupyterLab's sanitiser
 * drops SVG, scripts and styles; here every attribute goes too (the worst case: not even layout
 * survives), block elements end lines and table cells are separated by tabs.
 */
final class UntrustedHtml {
    private UntrustedHtml() {
    }

    static String text(String html) {
        String s = html.replaceAll("(?is)<(svg|script|style)\\b.*?</\\1>", "")
                .replaceAll("(?i)</?(div|p|tr|table|thead|tbody|h[1-6]|li|ul|pre)\\b[^>]*>", "\n")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</t[dh]>", "\t")
                .replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return Arrays.stream(s.split("\n")).map(l -> l.replaceAll("[ ]+", " ").strip()).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
