package dev.xamal.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of xamal itself, read from the build's filtered resource. */
public final class XamalVersion {
    private XamalVersion() {
    }

    public static String current() {
        try (InputStream in = XamalVersion.class.getResourceAsStream("xamal-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
