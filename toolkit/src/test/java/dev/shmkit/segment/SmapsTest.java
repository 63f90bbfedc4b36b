package dev.shmkit.segment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smaps parser over text in the kernel's format: blocks under the directory summed per inode, others ignored. */
class SmapsTest {
    private static final String SMAPS = String.join("\n",
            "7f0000000000-7f0002000000 r--s 00000000 00:1a 4242                       /dev/shm/s/big.v3.p12.arrow",
            "Size:              32768 kB",
            "Rss:               32768 kB",
            "Pss:               10922 kB",
            "Anonymous:             0 kB",
            "7f0003000000-7f0003001000 r--s 00000000 00:1a 4242                       /dev/shm/s/big.v3.p12.arrow",
            "Rss:                   4 kB",
            "Pss:                   1 kB",
            "7f0004000000-7f0004100000 rw-p 00000000 00:00 0 ",
            "Rss:                1024 kB",
            "Pss:                1024 kB",
            "7f0005000000-7f0005100000 r--s 00000000 00:1a 77                         /dev/shm/s/.retired/old.v1.p12.obj (deleted)",
            "Rss:                 512 kB",
            "Pss:                 512 kB",
            "7f0006000000-7f0006100000 r--s 00000000 00:1a 99                         /dev/shm/other/x.v1.p1.arrow",
            "Rss:                 100 kB",
            "Pss:                 100 kB",
            "");

    @Test
    void shouldSumTheMappingsOfOneFileAndKeepOnlyTheDirectory() {
        List<Smaps.FileUse> files = Smaps.parse(SMAPS, "/dev/shm/s/");
        assertEquals(2, files.size(), files.toString());
        Smaps.FileUse big = files.get(0);
        assertEquals(4242, big.inode());
        assertEquals((32768 + 4) * 1024L, big.rssBytes());
        assertEquals((10922 + 1) * 1024L, big.pssBytes());
        assertEquals(2, big.mappings());
        assertFalse(big.deleted());
        assertTrue(files.get(1).deleted(), files.get(1).path());
        assertEquals(512 * 1024L, files.get(1).pssBytes());
    }

    @Test
    void shouldTellHeadersFromFields() {
        assertTrue(Smaps.isHeader("7f0000000000-7f0002000000 r--s 00000000 00:1a 4242 /x"));
        assertFalse(Smaps.isHeader("Rss:               32768 kB"));
        assertFalse(Smaps.isHeader("VmFlags: rd mr me ms sd"));
        assertEquals(2048, Smaps.kiloBytes("Pss:   2 kB"));
    }
}
