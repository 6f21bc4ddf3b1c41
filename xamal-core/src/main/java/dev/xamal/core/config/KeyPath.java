package dev.xamal.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A full key path into the configuration, written as users read it: {@code servers.web.hosts[1]}.
 * Segments are map keys (strings) or list indexes (integers).
 */
record KeyPath(List<Object> segments) {

    static final KeyPath ROOT = new KeyPath(List.of());

    KeyPath {
        segments = List.copyOf(segments);
    }

    KeyPath key(String key) {
        return append(key);
    }

    KeyPath index(int index) {
        return append(index);
    }

    private KeyPath append(Object segment) {
        List<Object> next = new ArrayList<>(segments);
        next.add(segment);
        return new KeyPath(next);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(segment);
            }
        }
        return text.toString();
    }
}
