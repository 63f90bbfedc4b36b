package dev.shmkit.magic;

import dev.shmkit.kernel.CellException;
import dev.shmkit.kernel.RunningKernel;
import dev.shmkit.kernel.ShmkitKernel;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.shmkit.magic.MagicOutput.html;
import static dev.shmkit.magic.MagicOutput.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The magics run through a real kernel's evalRaw, as a notebook cell would run them. */
class MagicsTest {
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    static ShmkitKernel kernel;

    @BeforeAll
    static void start() {
        kernel = RUNNING.kernel();
        kernel.evalRaw("Table df = Table.create(\"df\", DoubleColumn.create(\"x\", 1.0, 2.0, 3.0), IntColumn.create(\"n\", 4, 5, 6));");
    }

    static DisplayData magic(String source) {
        return MagicOutput.magic(kernel, source);
    }

    @Test
    void shouldShareTableAsNamedEntryReadableFromTheSpaceVariable() {
        DisplayData d = magic("%share df as big");
        assertTrue(text(d).startsWith("shared df as 'big' v"), text(d));
        assertTrue(text(d).contains("3 rows × 2 columns"), text(d));
        assertTrue(text(d).contains("100-task job would move"), text(d));
        assertTrue(html(d).contains("<b>big</b>"), html(d));
        SharedTable t = assertInstanceOf(SharedTable.class, kernel.evalRaw("space.table(\"big\")"));
        assertEquals(6.0, t.doubleColumn("x").sum(), 0.0);
        assertSame(NotebookSpaces.defaultSpace(), kernel.evalRaw("space"));
    }

    @Test
    void shouldShareUnderTheVariableNameAndPutNonTables() {
        kernel.evalRaw("Map<String, Integer> cfg = Map.of(\"k\", 7);");
        DisplayData d = magic("%share cfg");
        assertTrue(text(d).startsWith("shared cfg as 'cfg' v"), text(d));
        assertEquals(Map.of("k", 7), kernel.evalRaw("space.get(\"cfg\", Map.class)"));
    }

    @Test
    void shouldShareIntoANamedSpace() {
        magic("%share df as other --space second");
        SharedSpace second = NotebookSpaces.space("second");
        assertTrue(second.entry("other").isPresent());
        assertFalse(NotebookSpaces.defaultSpace().entry("other").isPresent());
    }

    @Test
    void shouldShowTheSpareFileARepublishLeavesAndGiveItBackOnUnshare() {
        magic("%share df as again");
        magic("%share df as again"); // the magic closes the view it got: v1 is left to nobody, so it is kept as a spare
        SharedSpace space = NotebookSpaces.defaultSpace();
        String listed = text(magic("%space"));
        if (space.devicePages().huge()) {
            assertFalse(listed.contains("spare files"), "no spares on 2 MiB pages:\n" + listed);
        } else {
            assertTrue(space.store().spareBytes() > 0, "the superseded version nobody maps is kept as a spare");
            assertTrue(listed.contains("of spare files kept for the next publish"), listed);
        }
        magic("%unshare again");
        assertEquals(0, space.store().spareBytes(), "unshare gives the spare of its name back");
        assertFalse(text(magic("%space")).contains("spare files"));
    }

    @Test
    void shouldListEntriesWithPublisherPid() {
        magic("%share df as listed");
        DisplayData d = magic("%space");
        assertTrue(html(d).contains("<td>listed</td>"), html(d));
        assertTrue(html(d).contains("<td>" + ProcessHandle.current().pid() + "</td>"), html(d));
        assertTrue(text(d).contains("listed\ttable\t"), text(d));
        DisplayData swept = magic("%space --sweep");
        assertTrue(text(swept).contains("sweep: removed=0"), text(swept));
    }

    @Test
    void shouldUnshare() {
        magic("%share df as gone");
        assertTrue(text(magic("%unshare gone")).startsWith("removed 'gone'"));
        assertFalse(NotebookSpaces.defaultSpace().entry("gone").isPresent());
        assertTrue(text(magic("%unshare gone")).startsWith("nothing to remove"));
    }

    @Test
    void shouldRefuseUnknownVariableWithFix() {
        UsageException e = usage("%share nosuch as big");
        assertTrue(e.getMessage().startsWith("%share: unknown variable 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("define it in a cell first"), e.getMessage());
        assertTrue(e.getMessage().contains("usage: %share VAR [as NAME] [--space SPACE]"), e.getMessage());
    }

    @Test
    void shouldRefuseBadNameWithTheRule() {
        UsageException e = usage("%share df as ../etc");
        assertTrue(e.getMessage().startsWith("%share: invalid name '../etc'"), e.getMessage());
        assertTrue(e.getMessage().contains("usage: %share"), e.getMessage());
    }

    @Test
    void shouldRefuseWrongArgumentsAndUnknownFlags() {
        assertTrue(usage("%share").getMessage().contains("expected VAR or VAR as NAME"));
        assertTrue(usage("%share df to big").getMessage().contains("expected VAR or VAR as NAME"));
        assertTrue(usage("%space --force").getMessage().startsWith("unknown option '--force'"));
        assertTrue(usage("%unshare a b").getMessage().contains("usage: %unshare NAME [--space SPACE]"));
        assertTrue(usage("%share df --space").getMessage().startsWith("--space needs a space name"));
    }

    @Test
    void shouldOfferTheSameOperationsAsPlainMethods() {
        ShareResult r = Notebook.share(NotebookSpaces.defaultSpace(), "plain", kernel.evalRaw("df"), "df");
        assertEquals(3, r.entry().rows());
        assertEquals(100 * r.entry().bytes(), r.copyBytes());
        assertTrue(r.toHtml().contains("would move"));
        assertTrue(Notebook.list(NotebookSpaces.defaultSpace(), false).entries().stream().anyMatch(e -> e.name().equals("plain")));
    }

    private static UsageException usage(String line) {
        CellException e = assertThrows(CellException.class, () -> kernel.evalRaw(line));
        Throwable t = e.getCause();
        while (t != null && !(t instanceof UsageException)) {
            t = t.getCause();
        }
        return assertInstanceOf(UsageException.class, t, "expected a UsageException in " + e);
    }
}
