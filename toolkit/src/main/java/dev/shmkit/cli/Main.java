package dev.shmkit.cli;

import dev.shmkit.ShmkitException;

import java.util.Arrays;

/** Dispatches {@code ./shmkit <command> ...} to the command classes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "space" -> SpaceCommand.run(rest);
                case "generate" -> GenerateCommand.run(rest);
                case "demo" -> DemoCommand.run(rest);
                case "workshop" -> System.exit(WorkshopCommand.run(rest));
                case "member" -> MemberCommand.run(rest);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (UsageException e) {
            System.err.println("shmkit " + args[0] + ": " + e.getMessage());
            System.exit(2);
        } catch (ShmkitException e) {
            System.err.println("shmkit " + args[0] + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: shmkit space [NAME] [--sweep] [--dir DIR] [--who] | generate --rows N [--doubles K] [--ints K]"
                + " [--longs K] [--strings K] [--distinct D] [--seed S] --out FILE.csv | demo [--rows N] [--tasks T] [--workers W]"
                + " | " + WorkshopCommand.USAGE + " | " + MemberCommand.USAGE + " (benchmarks: ./shmkit bench space|jobs)");
    }
}
