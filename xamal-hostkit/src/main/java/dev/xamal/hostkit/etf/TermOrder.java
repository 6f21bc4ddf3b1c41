package dev.xamal.hostkit.etf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Erlang's term order for the map keys a manifest uses: numbers, then atoms (by text), then
 * binaries (by bytes). Every rendering of a term sorts map keys this way, so the ETF and JSON
 * forms of one term list keys in the same, stable order.
 */
public final class TermOrder {
    public static final Comparator<Object> KEYS = Comparator.comparingInt(TermOrder::typeRank)
            .thenComparing(TermOrder::compareSameType);

    private TermOrder() {
    }

    /** The map's keys in term order. */
    public static List<Object> sortedKeys(Map<?, ?> map) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(KEYS);
        return keys;
    }

    /** Erlang's order of types: number < atom < map < list < binary. */
    private static int typeRank(Object term) {
        if (term instanceof Integer || term instanceof Long || term instanceof BigInteger) {
            return 0;
        }
        if (term == null || term instanceof Boolean || term instanceof Atom) {
            return 1;
        }
        if (term instanceof String) {
            return 4;
        }
        throw new IllegalArgumentException("unsupported map key type " + term.getClass().getName() + ": " + term);
    }

    private static int compareSameType(Object a, Object b) {
        return switch (typeRank(a)) {
            case 0 -> new BigInteger(a.toString()).compareTo(new BigInteger(b.toString()));
            case 1 -> asAtom(a).compareTo(asAtom(b));
            default -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8),
                    ((String) b).getBytes(StandardCharsets.UTF_8));
        };
    }

    static Atom asAtom(Object term) {
        return term instanceof Atom atom ? atom : Atom.of(term == null ? "nil" : term.toString());
    }
}
