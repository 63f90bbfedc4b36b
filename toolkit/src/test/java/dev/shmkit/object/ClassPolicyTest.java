package dev.shmkit.object;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassPolicyTest {
    /** A class of the test class path that nothing allows by name. */
    static final class Local {
    }

    @Test
    void shouldAllowJdkValuesCollectionsArraysAndShmkitByDefault() {
        ClassPolicy p = ClassPolicy.standard();
        for (Class<?> c : List.of(ArrayList.class, HashMap.class, ConcurrentHashMap.class, List.of(1).getClass(),
                Collections.reverseOrder().getClass(), Integer.class, String.class, int[][].class, String[].class,
                LocalDate.class, ChunkList.class, ObjectSegment.class)) {
            assertTrue(p.allows(c), c.getName());
        }
    }

    @Test
    void shouldRefuseOtherJdkAndApplicationClassesByDefault() {
        ClassPolicy p = ClassPolicy.standard();
        for (Class<?> c : List.of(URL.class, URL[].class, Thread.class, ProcessBuilder.class, Local.class, Local[].class)) {
            assertFalse(p.allows(c), c.getName());
        }
    }

    @Test
    void shouldAllowTheApplicationClassPathButNotTheJdkForPoolFrames() {
        ClassPolicy p = ClassPolicy.application(ClassLoader.getSystemClassLoader());
        assertTrue(p.allows(Local.class));
        assertFalse(p.allows(URL.class));
        assertFalse(ClassPolicy.definedBy(ClassLoader.getPlatformClassLoader()).allows(Local.class));
        assertTrue(ClassPolicy.exactly(Local.class, Local.class).allows(Local.class));
        assertFalse(ClassPolicy.exactly(Local.class).allows(URL.class));
    }
}
