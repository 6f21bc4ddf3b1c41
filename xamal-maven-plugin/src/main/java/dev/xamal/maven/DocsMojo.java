package dev.xamal.maven;

import dev.xamal.core.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the configuration reference: without a topic, the list of topics; with
 * {@code -Dxamal.topic=<topic>}, that topic's page. Needs no project.
 */
@Mojo(name = "docs", requiresProject = false, threadSafe = true, aggregator = true)
public class DocsMojo extends AbstractXamalMojo {
    static final String DOCS = "dev/xamal/docs";

    /** The topic to show, e.g. {@code servers}; omit it for the list of topics. */
    @Parameter(property = "xamal.topic")
    protected String topic;

    @Override
    protected void run() {
        Map<String, String> topics = topics();
        if (topic == null || topic.isBlank()) {
            output().info("xamal configuration reference");
            output().info("Usage: mvn xamal:docs -Dxamal.topic=<topic>");
            output().info("");
            int width = topics.keySet().stream().mapToInt(String::length).max().orElse(0);
            topics.forEach((name, page) -> output().info(String.format("  %-" + width + "s  %s", name, title(page))));
            return;
        }
        String page = topics.get(topic.strip());
        if (page == null) {
            throw new UsageException("Unknown topic '" + topic + "'; topics are: " + String.join(", ", topics.keySet()));
        }
        page.lines().forEach(output()::info);
    }

    /** Topic name (the file name without {@code .md}) to page text. */
    static Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        PackagedFiles.under(DOCS).forEach((file, text) -> {
            if (file.endsWith(".md") && file.indexOf('/') < 0) {
                topics.put(file.substring(0, file.length() - 3), text);
            }
        });
        return topics;
    }

    /** A page's title: its first heading, without the {@code #}. */
    static String title(String page) {
        return page.lines().filter(l -> l.startsWith("#")).findFirst()
                .map(l -> l.replaceFirst("^#+\\s*", "")).orElse("");
    }
}
