package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Exactly the goals that change what runs or serves hold the deploy lock (design §6): every goal
 * of the generated plugin descriptor that acts on servers is asked, so a new goal that forgets
 * the lock, or a read-only goal that takes it, fails here.
 */
class LockTakingGoalsTest {
    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");

    private static final Set<String> LOCK_TAKING = Set.of("setup", "deploy", "redeploy", "rollback", "app-boot",
            "app-start", "app-stop", "app-maintenance", "app-live", "migrate", "prune", "remove");

    @Test
    void exactlyTheGoalsThatChangeWhatRunsOrServesTakeTheLock() throws Exception {
        Map<String, AbstractServersMojo> serverGoals = serverGoals();
        assertThat(serverGoals).as("server goals in %s", DESCRIPTOR)
                .containsKeys("deploy", "app-exec", "lock-status", "details");

        Set<String> taking = new TreeSet<>();
        serverGoals.forEach((goal, mojo) -> {
            if (mojo.takesLock()) {
                taking.add(goal);
            }
        });
        assertThat(taking).containsExactlyInAnyOrderElementsOf(LOCK_TAKING);
    }

    @Test
    void onlyTheDeployingGoalsRunPostDeploy() throws Exception {
        Set<String> deploying = new TreeSet<>();
        serverGoals().forEach((goal, mojo) -> {
            if (mojo.deploys()) {
                deploying.add(goal);
            }
        });
        assertThat(deploying).containsExactlyInAnyOrder("setup", "deploy", "redeploy");
    }

    /** Every concrete goal of the descriptor that extends {@link AbstractServersMojo}, by goal name. */
    private static Map<String, AbstractServersMojo> serverGoals() throws Exception {
        NodeList mojos = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile())
                .getElementsByTagName("mojo");
        Map<String, AbstractServersMojo> goals = new TreeMap<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = child(mojo, "goal");
            Class<?> type = Class.forName(child(mojo, "implementation"));
            if (AbstractServersMojo.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                goals.put(goal, (AbstractServersMojo) construct(type));
            }
        }
        return goals;
    }

    private static Object construct(Class<?> type) throws Exception {
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == SettingsDecrypter.class) {
                return constructor.newInstance((Object) null);
            }
        }
        return type.getConstructor().newInstance();
    }

    private static String child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no <" + name + "> in a <mojo> of " + DESCRIPTOR);
    }
}
