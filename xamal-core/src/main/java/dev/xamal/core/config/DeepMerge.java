package dev.xamal.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges a destination overlay onto the base configuration: maps merge key by key, anything else
 * (lists, scalars, and {@code null} as an explicit unset) replaces the base value.
 */
final class DeepMerge {
    private DeepMerge() {
    }

    static Map<Object, Object> merge(Map<?, ?> base, Map<?, ?> overlay) {
        Map<Object, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object existing = result.get(key);
            if (existing instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> overlayMap) {
                result.put(key, merge(baseMap, overlayMap));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
