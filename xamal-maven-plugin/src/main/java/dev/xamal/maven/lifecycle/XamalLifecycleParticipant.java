package dev.xamal.maven.lifecycle;

import java.util.List;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active when the plugin is declared with {@code <extensions>true</extensions>}: before the build
 * starts, applies {@link PackageBeforeRelease} to the command line's tasks, so
 * {@code mvn xamal:build} runs {@code package} first (once) and {@code mvn package xamal:build}
 * runs as typed; {@code -Dxamal.skipBuild=true} leaves the deploying goals without it. Registered in {@code META-INF/plexus/components.xml}.
 */
public class XamalLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(XamalLifecycleParticipant.class);

    @Override
    public void afterProjectsRead(MavenSession session) {
        List<String> goals = session.getGoals();
        boolean skipBuild = Boolean.parseBoolean(session.getUserProperties().getProperty(PackageBeforeRelease.SKIP_BUILD));
        List<String> tasks = PackageBeforeRelease.apply(goals, skipBuild);
        if (tasks != goals) {
            LOG.info("xamal: running the package phase first, so the release is built from source ({} -> {})",
                    String.join(" ", goals), String.join(" ", tasks));
            session.getRequest().setGoals(tasks);
        }
    }
}
