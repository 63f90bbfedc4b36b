package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rich values for cells, imported statically in every notebook: {@code display(html("<b>hi</b>"))}
 * or a cell ending in {@code svg("<svg ...>")}. Each carries a {@code text/plain} twin.
 */
public final class Show {
    private Show() {
    }

    /** HTML, with its text (tags removed) as the plain twin. */
    public static Rich html(String html) {
        return new Rich(MIMEType.TEXT_HTML, html, plain(html));
    }

    /** An SVG image, with "[svg image]" as the plain twin. */
    public static Rich svg(String svg) {
        return new Rich(MIMEType.IMAGE_SVG, svg, "[svg image]");
    }

    /** Markdown, shown as plain text where Markdown is not rendered. */
    public static Rich markdown(String markdown) {
        return new Rich(MIMEType.TEXT_MARKDOWN, markdown, markdown);
    }

    /** Plain text. */
    public static Rich text(String text) {
        return new Rich(MIMEType.TEXT_PLAIN, text, text);
    }

    private static String plain(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&").strip();
    }

    /** Data of one MIME type plus its plain-text twin. */
    public static final class Rich implements DisplayDataRenderable {
        private final MIMEType type;
        private final String data;
        private final String plain;

        Rich(MIMEType type, String data, String plain) {
            this.type = type;
            this.data = data;
            this.plain = plain;
        }

        @Override
        public Set<MIMEType> getSupportedRenderTypes() {
            Set<MIMEType> types = new LinkedHashSet<>();
            types.add(type);
            types.add(MIMEType.TEXT_PLAIN);
            return types;
        }

        @Override
        public void render(RenderContext context) {
            context.renderIfRequested(type, () -> data);
            context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> plain);
        }

        @Override
        public String toString() {
            return plain;
        }
    }
}
