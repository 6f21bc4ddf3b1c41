package dev.xamal.hostkit.etf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a term in Erlang's external term format (version 131, uncompressed), the way
 * {@code term_to_binary(T, [{minor_version, 2}, deterministic])} does for the terms a release
 * manifest holds:
 * <ul>
 *   <li>{@link Atom} → {@code SMALL_ATOM_UTF8_EXT} (119), or {@code ATOM_UTF8_EXT} (118) past 255 bytes;
 *       {@code null}, {@code true} and {@code false} are the atoms {@code nil}, {@code true}, {@code false};</li>
 *   <li>{@link String} → {@code BINARY_EXT} (109) with its UTF-8 bytes (never a charlist);</li>
 *   <li>{@link Integer}, {@link Long}, {@link BigInteger} → the smallest of {@code SMALL_INTEGER_EXT} (97),
 *       {@code INTEGER_EXT} (98), {@code SMALL_BIG_EXT} (110), {@code LARGE_BIG_EXT} (111);</li>
 *   <li>{@link List} → {@code NIL_EXT} (106) when empty, else {@code LIST_EXT} (108) with a {@code []} tail;</li>
 *   <li>{@link Map} → {@code MAP_EXT} (116), keys in Erlang's term order (numbers, atoms by text,
 *       binaries by bytes), so the same term always gives the same bytes.</li>
 * </ul>
 * Every atom must be in the allowlist the encoder is made with: a reader decoding with
 * {@code [safe]} only knows the atoms its own code created.
 */
public final class EtfEncoder {
    static final int VERSION = 131;
    static final int SMALL_INTEGER_EXT = 97;
    static final int INTEGER_EXT = 98;
    static final int SMALL_BIG_EXT = 110;
    static final int LARGE_BIG_EXT = 111;
    static final int NIL_EXT = 106;
    static final int LIST_EXT = 108;
    static final int BINARY_EXT = 109;
    static final int MAP_EXT = 116;
    static final int ATOM_UTF8_EXT = 118;
    static final int SMALL_ATOM_UTF8_EXT = 119;

    private final Set<Atom> allowedAtoms;

    /** @param allowedAtoms every atom a term may contain (keys and values, {@code nil}/{@code true}/{@code false} included) */
    public EtfEncoder(Set<Atom> allowedAtoms) {
        this.allowedAtoms = Set.copyOf(allowedAtoms);
    }

    /** The term as one external term: the version byte, then the term. */
    public byte[] encode(Object term) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(VERSION);
            write(out, term);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(DataOutputStream out, Object term) throws IOException {
        if (term == null) {
            writeAtom(out, Atom.of("nil"));
        } else if (term instanceof Boolean b) {
            writeAtom(out, Atom.of(b.toString()));
        } else if (term instanceof Atom atom) {
            writeAtom(out, atom);
        } else if (term instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(BINARY_EXT);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (term instanceof Integer || term instanceof Long || term instanceof BigInteger) {
            writeInteger(out, new BigInteger(term.toString()));
        } else if (term instanceof List<?> list) {
            writeList(out, list);
        } else if (term instanceof Map<?, ?> map) {
            writeMap(out, map);
        } else {
            throw new IllegalArgumentException("no external term format for " + term.getClass().getName() + ": " + term);
        }
    }

    private void writeAtom(DataOutputStream out, Atom atom) throws IOException {
        if (!allowedAtoms.contains(atom)) {
            throw new IllegalArgumentException("atom " + atom + " is not one the reader knows; allowed: "
                    + allowedAtoms.stream().map(Atom::name).sorted().toList());
        }
        byte[] utf8 = atom.utf8();
        if (utf8.length <= 255) {
            out.writeByte(SMALL_ATOM_UTF8_EXT);
            out.writeByte(utf8.length);
        } else {
            out.writeByte(ATOM_UTF8_EXT);
            out.writeShort(utf8.length);
        }
        out.write(utf8);
    }

    private static void writeInteger(DataOutputStream out, BigInteger value) throws IOException {
        if (value.signum() >= 0 && value.bitLength() <= 8) {
            out.writeByte(SMALL_INTEGER_EXT);
            out.writeByte(value.intValue());
        } else if (value.bitLength() <= 31) {
            out.writeByte(INTEGER_EXT);
            out.writeInt(value.intValue());
        } else {
            byte[] bigEndian = value.abs().toByteArray();
            int start = bigEndian[0] == 0 ? 1 : 0;
            int n = bigEndian.length - start;
            if (n <= 255) {
                out.writeByte(SMALL_BIG_EXT);
                out.writeByte(n);
            } else {
                out.writeByte(LARGE_BIG_EXT);
                out.writeInt(n);
            }
            out.writeByte(value.signum() < 0 ? 1 : 0);
            for (int i = bigEndian.length - 1; i >= start; i--) {
                out.writeByte(bigEndian[i]);
            }
        }
    }

    private void writeList(DataOutputStream out, List<?> list) throws IOException {
        if (!list.isEmpty()) {
            out.writeByte(LIST_EXT);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        }
        out.writeByte(NIL_EXT);
    }

    private void writeMap(DataOutputStream out, Map<?, ?> map) throws IOException {
        List<Object> keys = TermOrder.sortedKeys(map);
        out.writeByte(MAP_EXT);
        out.writeInt(keys.size());
        for (Object key : keys) {
            write(out, key);
            write(out, map.get(key));
        }
    }
}
