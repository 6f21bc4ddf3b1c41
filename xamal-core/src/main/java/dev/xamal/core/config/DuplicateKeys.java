package dev.xamal.core.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses a key written twice in one map, naming its full key path and both lines. Works on the
 * composed node graph, visiting each node once, so aliases cannot make it expensive. Merge keys
 * ({@code <<}) are exempt: overriding merged keys is what they are for.
 */
final class DuplicateKeys {
    private DuplicateKeys() {
    }

    static void refuse(Node root, String display) {
        visit(root, KeyPath.ROOT, Collections.newSetFromMap(new IdentityHashMap<>()), display);
    }

    private static void visit(Node node, KeyPath path, Set<Node> seen, String display) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Integer> lines = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (key != null && !key.equals("<<")) {
                    int line = keyNode.getStartMark().getLine() + 1;
                    Integer first = lines.putIfAbsent(key, line);
                    if (first != null) {
                        throw new ConfigException(display, path.key(key).toString(), "the key is written twice in"
                                + " the same map (lines " + first + " and " + line + "); keep one");
                    }
                }
                visit(tuple.getValueNode(), key == null ? path : path.key(key), seen, display);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), path.index(i), seen, display);
            }
        }
    }
}
