package dev.shmkit.cli;

import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.segment.InvalidNameException;
import dev.shmkit.pool.local.LocalBackendFactory;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceEntry;
import dev.shmkit.space.SpaceOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code shmkit space [NAME] [--sweep] [--dir DIR] [--who]}: lists a space's entries with the path of
 * each current version (what Python's {@code shmkit.open(name)} maps), or sweeps it; {@code --who}
 * shows which processes map its segments and their physical memory instead. Listing creates
 * nothing: a space that does not exist is an error naming the spaces there are.
 */
final class SpaceCommand {
    private static final String USAGE = "shmkit space [NAME] [--sweep] [--dir DIR] [--who]";

    private SpaceCommand() {
    }

    static void run(String[] argv) {
        Args a = Args.parse(argv, Set.of("sweep", "who"), Set.of("dir"), USAGE);
        if (a.positional.size() > 1) {
            throw new UsageException("expected at most one space name, got " + a.positional + "; usage: " + USAGE);
        }
        SpaceOptions opts;
        try {
            opts = a.options.containsKey("dir") ? SpaceOptions.directory(Path.of(a.get("dir", "")))
                    : a.positional.isEmpty() ? SpaceOptions.defaults() : SpaceOptions.named(a.positional.get(0));
        } catch (InvalidNameException e) {
            throw new UsageException("" + e.getMessage() + "; usage: " + USAGE);
        }
        if (!Files.isDirectory(opts.directory())) {
            if (a.positional.isEmpty() && !a.options.containsKey("dir")) {
                // the default space, nothing published yet
                System.out.print(format(opts.directory(), List.of(), DevicePages.of(opts.directory())));
                return;
            }
            throw new UsageException("no space " + (a.positional.isEmpty() ? "directory"
                    : "'" + a.positional.get(0) + "'") + " at " + opts.directory() + "; spaces under "
                    + SpaceOptions.baseDirectory() + ": " + String.join(", ", spaces(SpaceOptions.baseDirectory()))
                    + " (a space is made when something is published in it; list one with ./shmkit space NAME)");
        }
        try (SharedSpace space = SharedSpace.open(opts.sweepOnOpen(false))) {
            if (a.flag("sweep")) {
                System.out.println(space.sweep());
                if (!a.options.containsKey("dir")) {
                    int pools = LocalBackendFactory.sweepDeadPools(SpaceOptions.baseDirectory());
                    System.out.println("sweep: removed " + pools + " control director" + (pools == 1 ? "y" : "ies")
                            + " of worker pools whose process is gone");
                }
            }
            if (a.flag("who")) {
                printWho(space);
                return;
            }
            System.out.print(format(space.directory(), space.list(), space.devicePages()));
            long spare = space.store().spareBytes();
            if (spare > 0) {
                System.out.println("spare: " + Bytes.human(spare) + " in " + space.directory().resolve(".spare")
                        + " (superseded versions nobody maps, kept with their pages for the next publish; given back"
                        + " on remove, close, sweep, a full device or the quota; shmkit.space.recycle=false keeps none)");
            }
        }
    }

    /** {@code --who}: each mapped segment, the processes that map it, their resident and PSS bytes (from /proc). */
    static void printWho(SharedSpace space) {
        System.out.print(space.mappings());
    }

    /** The spaces under {@code base} (its directories not starting with '.'), sorted; "none" if there are none. */
    static List<String> spaces(Path base) {
        try (Stream<Path> s = Files.list(base)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
            return names.isEmpty() ? List.of("none") : names;
        } catch (IOException e) {
            return List.of("none (" + base + " cannot be listed: " + e.getMessage() + ")");
        }
    }

    /** The listing as a plain-text table (also used by the JShell helpers); damaged entries say why below the table. */
    static String format(Path dir, List<SpaceEntry> entries) {
        return format(dir, entries, null);
    }

    /** As {@link #format(Path, List)}, the header also saying which pages the device gives ({@code pages} may be null). */
    static String format(Path dir, List<SpaceEntry> entries, DevicePages pages) {
        long damaged = entries.stream().filter(SpaceEntry::damaged).count();
        StringBuilder sb = new StringBuilder("space " + dir + ": " + Units.count(entries.size(), "entry")
                + (damaged > 0 ? " (" + damaged + " damaged)" : "") + (pages == null ? "" : "; on " + pages.describe()) + "\n");
        if (entries.isEmpty()) {
            return sb.toString();
        }
        int pathWidth = entries.stream().mapToInt(e -> e.path().toString().length()).max().orElse(4);
        String row = "%-20s %-6s %4s %10s %13s %5s %-8s %-6s %-19s %-" + pathWidth + "s %s%n";
        sb.append(String.format(Locale.ROOT, row,
                "name", "kind", "ver", "size", "rows", "cols", "pid", "alive", "published", "path", "type"));
        for (SpaceEntry e : entries) {
            sb.append(String.format(Locale.ROOT, row, e.name(),
                    e.kind().name().toLowerCase(Locale.ROOT), e.version(), e.bytes() < 0 ? "?" : Bytes.human(e.bytes()),
                    e.rows() < 0 ? "-" : Units.count(e.rows()), e.columns() < 0 ? "-" : Units.count(e.columns()),
                    e.publisherPid(), e.publisherAlive() ? "yes" : "no", Units.localTime(e.created()), e.path(),
                    e.damaged() ? SpaceEntry.DAMAGED : e.valueType()));
        }
        for (SpaceEntry e : entries) {
            if (e.damaged()) {
                sb.append("damaged: ").append(e.name()).append(" v").append(e.version()).append(" file=").append(e.path())
                        .append(": ").append(e.damage())
                        .append("; remove it with space.remove(\"").append(e.name()).append("\") or publish it again\n");
            }
        }
        return sb.toString();
    }
}
