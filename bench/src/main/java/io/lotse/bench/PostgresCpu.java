package io.lotse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used by the embedded PostgreSQL of a Lotse data directory: its postmaster and every process it
 * started (backends, parallel workers, autovacuum), read from {@code /proc}. On a busy machine the wall time of a
 * query says more about the neighbours than about the query; its CPU time does not.
 */
final class PostgresCpu {

    /** Linux reports process times in ticks of 1/100 s in {@code /proc/<pid>/stat}, whatever the kernel's HZ. */
    private static final int TICKS_PER_SECOND = 100;

    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The PostgreSQL running on a data directory, whose pid is line 1 of {@code postmaster.pid}. */
    static PostgresCpu of(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"),
                StandardCharsets.UTF_8);
        return new PostgresCpu(Long.parseLong(lines.get(0).strip()));
    }

    /**
     * Milliseconds of CPU the postmaster and its living children have used so far. Children that ended in between
     * are counted in the postmaster's own figures once it has waited for them, so differences of this value are
     * close to the CPU used in between.
     */
    long millis() throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                // Fields after the command name, which is in parentheses and may contain spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(name);
                long parent = Long.parseLong(fields[1]);
                if (pid == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14]);
                } else if (parent == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
