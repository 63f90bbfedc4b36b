package dev.shmkit.cli;

import dev.shmkit.memory.Bytes;
import dev.shmkit.pool.local.LocalBackendFactory;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceEntry;
import dev.shmkit.space.SpaceOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code shmkit space [NAME] [--sweep] [--dir DIR] [--who]}: lists a space's entries, or sweeps it;
 * {@code --who} shows which processes map its segments and their physical memory instead.
 */
final class SpaceCommand {
    private static final String USAGE = "shmkit space [NAME] [--sweep] [--dir DIR] [--who]";

    private SpaceCommand() {
    }

    static void run(String[] argv) {
        Args a = Args.parse(argv, Set.of("sweep", "who"), Set.of("dir"), USAGE);
        SpaceOptions opts = a.options.containsKey("dir") ? SpaceOptions.directory(Path.of(a.get("dir", "")))
                : a.positional.isEmpty() ? SpaceOptions.defaults() : SpaceOptions.named(a.positional.get(0));
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
            System.out.print(format(space.directory(), space.list()));
        }
    }

    /** {@code --who}: each mapped segment, the processes that map it, their resident and PSS bytes (from /proc). */
    static void printWho(SharedSpace space) {
        System.out.print(space.mappings());
    }

    /** The listing as a plain-text table (also used by the JShell helpers); damaged entries say why below the table. */
    static String format(Path dir, List<SpaceEntry> entries) {
        long damaged = entries.stream().filter(SpaceEntry::damaged).count();
        StringBuilder sb = new StringBuilder("space " + dir + ": " + entries.size() + " entries"
                + (damaged > 0 ? " (" + damaged + " damaged)" : "") + "\n");
        if (entries.isEmpty()) {
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "%-20s %-6s %4s %10s %12s %5s %-8s %-6s %-30s %s%n",
                "name", "kind", "ver", "size", "rows", "cols", "pid", "alive", "created", "type"));
        for (SpaceEntry e : entries) {
            sb.append(String.format(Locale.ROOT, "%-20s %-6s %4d %10s %12s %5s %-8d %-6s %-30s %s%n", e.name(),
                    e.kind().name().toLowerCase(Locale.ROOT), e.version(), e.bytes() < 0 ? "?" : Bytes.human(e.bytes()),
                    e.rows() < 0 ? "-" : String.valueOf(e.rows()), e.columns() < 0 ? "-" : String.valueOf(e.columns()),
                    e.publisherPid(), e.publisherAlive() ? "yes" : "no", e.created(),
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
