package dev.xamal.hostkit.task;

import dev.xamal.core.release.Sha256;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a plan was made from, recorded beside it as {@code <plan>.sha256} in {@code sha256sum}
 * form: the manifest's digest and path, then the plan's own. Apply compares both with the files
 * as they are, so it refuses a plan made from another manifest (the release was rebuilt since) and
 * a plan replaced after it was reviewed.
 */
public final class PlanStamp {
    private PlanStamp() {
    }

    public static Path path(Path plan) {
        return plan.resolveSibling(plan.getFileName() + ".sha256");
    }

    /** Records the plan's and the manifest's digests beside the plan. */
    public static void record(Path plan, Path manifest) {
        String text = Sha256.of(manifest) + "  " + manifest + "\n" + Sha256.of(plan) + "  "
                + plan + "\n";
        try {
            Files.writeString(path(plan), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("could not write " + path(plan) + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws UsageException when there is no plan, no record of it, or the plan or the manifest
     *                        changed since it was made
     */
    public static void verify(Path plan, Path manifest) {
        Path stamp = path(plan);
        if (!Files.isRegularFile(plan) || !Files.isRegularFile(stamp)) {
            throw new UsageException("there is no reviewed plan at " + plan + " (hostkit.plan_out) made by xamal: run "
                    + "mvn xamal:hostkit-plan, review it, then xamal:hostkit-apply");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + stamp + ": " + e.getMessage(), e);
        }
        if (lines.size() != 2 || !lines.get(0).contains("  ") || !lines.get(1).contains("  ")) {
            throw new UsageException(stamp + " is not a record xamal wrote: run mvn xamal:hostkit-plan again");
        }
        String manifestDigest = lines.get(0).substring(0, lines.get(0).indexOf("  "));
        String planDigest = lines.get(1).substring(0, lines.get(1).indexOf("  "));
        if (!Files.isRegularFile(manifest) || !manifestDigest.equals(Sha256.of(manifest))) {
            throw new UsageException("the plan " + plan + " was made from another manifest (sha256 " + manifestDigest
                    + ") than " + manifest + (Files.isRegularFile(manifest) ? " now holds (sha256 "
                    + Sha256.of(manifest) + ")" : ", which is gone")
                    + ": the release was rebuilt since. Run mvn xamal:hostkit-plan again and review the new plan");
        }
        if (!planDigest.equals(Sha256.of(plan))) {
            throw new UsageException("the plan " + plan + " changed after xamal made it (sha256 " + planDigest
                    + " then, " + Sha256.of(plan) + " now): run mvn xamal:hostkit-plan again and review it");
        }
    }
}
