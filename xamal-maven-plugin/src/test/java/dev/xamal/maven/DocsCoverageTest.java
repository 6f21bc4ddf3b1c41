package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The documentation covers what the plugin offers: every goal and every user-settable parameter of
 * the generated plugin descriptor (what {@code mvn xamal:help -Ddetail} prints) is in
 * {@code docs/goals.md}, every goal has a row in the README's goals table, and every page of
 * {@code docs/} is a topic {@code mvn xamal:docs} lists.
 */
class DocsCoverageTest {
    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path GOALS_PAGE = DOCS.resolve("goals.md");
    private static final String COMMON = "Common parameters";
    private static final Pattern HEADING = Pattern.compile("(?m)^## (.+)$");

    @Test
    void everyGoalAndParameterOfTheDescriptorIsInGoalsPage() throws Exception {
        Map<String, Set<String>> goals = goalsAndParameters();
        assertThat(goals).as("goals in %s", DESCRIPTOR).containsKeys("help", "init", "deploy", "docs");
        Map<String, String> sections = sections(Files.readString(GOALS_PAGE, StandardCharsets.UTF_8));
        Set<String> common = documentedParameters(sections.getOrDefault(COMMON, ""));

        List<String> missing = new ArrayList<>();
        goals.forEach((goal, parameters) -> {
            String section = sections.get(goal);
            if (section == null) {
                missing.add("goal '" + goal + "' has no '## " + goal + "' section");
                return;
            }
            Set<String> documented = documentedParameters(section);
            for (String parameter : parameters) {
                if (!common.contains(parameter) && !documented.contains(parameter)) {
                    missing.add("parameter '" + parameter + "' of goal '" + goal + "' is not named (as `"
                            + parameter + "`) in its section or under '## " + COMMON + "'");
                }
            }
        });
        assertThat(missing).as("undocumented in docs/goals.md").isEmpty();
    }

    @Test
    void everyGoalIsInTheReadmeGoalsTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> sections = sections(readme);
        assertThat(sections).as("README.md sections").containsKey("Goals");
        Set<String> rows = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (.+?) \\|").matcher(sections.get("Goals"));
        while (row.find()) {
            rows.addAll(documentedParameters(row.group(1)));
        }
        List<String> missing = goalsAndParameters().keySet().stream().filter(goal -> !rows.contains(goal))
                .map(goal -> "goal '" + goal + "' has no row (| `" + goal + "` | ... |) in README.md's goals table")
                .toList();
        assertThat(missing).as("goals missing from README.md").isEmpty();
    }

    @Test
    void everyDocsPageIsATopicOfTheDocsGoal() throws Exception {
        List<String> pages;
        try (Stream<Path> files = Files.list(DOCS)) {
            pages = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".md"))
                    .map(name -> name.substring(0, name.length() - 3)).sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        DocsMojo docs = new DocsMojo();
        docs.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }
        });
        docs.execute();

        List<String> unlisted = new ArrayList<>();
        for (String page : pages) {
            String title = DocsMojo.title(Files.readString(DOCS.resolve(page + ".md"), StandardCharsets.UTF_8));
            Pattern listed = Pattern.compile("^\\s+" + Pattern.quote(page) + "\\s+" + Pattern.quote(title) + "$");
            if (lines.stream().noneMatch(line -> listed.matcher(line).matches())) {
                unlisted.add("docs/" + page + ".md is not listed by mvn xamal:docs as '" + page + "  " + title + "'");
            }
            if (title.isBlank()) {
                unlisted.add("docs/" + page + ".md has no '#' title line");
            }
        }
        assertThat(unlisted).as("docs pages missing from the topic list").isEmpty();
    }

    /** Goal name to the parameters a user can set (the descriptor's editable ones). */
    private static Map<String, Set<String>> goalsAndParameters() throws Exception {
        assertThat(DESCRIPTOR).as("the plugin descriptor (generated in process-classes)").isRegularFile();
        Document descriptor;
        try (InputStream in = Files.newInputStream(DESCRIPTOR)) {
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Map<String, Set<String>> goals = new LinkedHashMap<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Set<String> parameters = new LinkedHashSet<>();
            NodeList params = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element param = (Element) params.item(j);
                if ("true".equals(child(param, "editable"))) {
                    parameters.add(child(param, "name"));
                }
            }
            goals.put(child(mojo, "goal"), parameters);
        }
        return goals;
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return "";
    }

    /** The page's {@code ## } sections, heading text to body. */
    private static Map<String, String> sections(String page) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher heading = HEADING.matcher(page);
        String name = null;
        int start = 0;
        while (heading.find()) {
            if (name != null) {
                sections.put(name, page.substring(start, heading.start()));
            }
            name = heading.group(1).strip();
            start = heading.end();
        }
        if (name != null) {
            sections.put(name, page.substring(start));
        }
        return sections;
    }

    /** The names (of parameters or goals) written in backticks in a section. */
    private static Set<String> documentedParameters(String section) {
        Set<String> names = new LinkedHashSet<>();
        Matcher code = Pattern.compile("`([A-Za-z][A-Za-z0-9-]*)`").matcher(section);
        while (code.find()) {
            names.add(code.group(1));
        }
        return names;
    }
}
