package dev.xamal.hostkit.etf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The byte layouts of the external term format, pinned by hand. */
class EtfEncoderTest {
    private final EtfEncoder encoder = new EtfEncoder(Stream.of("format", "beam_release_artifact", "version", "clear",
            "secret", "nil", "true", "false", "b", "a", "ü").map(Atom::of).collect(Collectors.toSet()));

    private String hex(Object term) {
        return HexFormat.of().formatHex(encoder.encode(term));
    }

    @Test
    void aMapWithAtomKeysAndABinary() {
        Map<Object, Object> term = new LinkedHashMap<>();
        term.put(Atom.of("version"), "1.0.0");
        term.put(Atom.of("format"), Atom.of("beam_release_artifact"));

        byte[] bytes = encoder.encode(term);

        assertThat(bytes).hasSize(56);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("83" + "7400000002"
                + "7706" + "666f726d6174"
                + "7715" + "6265616d5f72656c656173655f6172746966616374"
                + "7707" + "76657273696f6e"
                + "6d00000005" + "312e302e30");
    }

    @Test
    void integersTakeTheSmallestForm() {
        assertThat(hex(0)).isEqualTo("836100");
        assertThat(hex(255)).isEqualTo("8361ff");
        assertThat(hex(256)).isEqualTo("836200000100");
        assertThat(hex(8080)).isEqualTo("8362" + "00001f90");
        assertThat(hex(-1)).isEqualTo("8362" + "ffffffff");
        assertThat(hex(Integer.MIN_VALUE)).isEqualTo("8362" + "80000000");
        assertThat(hex(3_000_000_000L)).isEqualTo("836e" + "04" + "00" + "005ed0b2");
        assertThat(hex(-3_000_000_000L)).isEqualTo("836e" + "04" + "01" + "005ed0b2");
        assertThat(hex(BigInteger.ONE.shiftLeft(2048))).startsWith("836f" + "00000101" + "00");
    }

    @Test
    void listsAndTheEmptyList() {
        assertThat(hex(List.of())).isEqualTo("836a");
        assertThat(hex(List.of("bin/orders", "start"))).isEqualTo("83" + "6c00000002"
                + "6d0000000a" + "62696e2f6f7264657273" + "6d00000005" + "7374617274" + "6a");
    }

    @Test
    void nilTrueFalseAndAnEmptyEnv() {
        assertThat(hex(null)).isEqualTo("83" + "7703" + "6e696c");
        assertThat(hex(true)).isEqualTo("83" + "7704" + "74727565");
        Map<Object, Object> env = Map.of(Atom.of("secret"), List.of(), Atom.of("clear"), Map.of());
        assertThat(hex(env)).isEqualTo("83" + "7400000002" + "7705" + "636c656172" + "7400000000"
                + "7706" + "736563726574" + "6a");
    }

    @Test
    void keysComeInErlangTermOrderWhateverTheInsertionOrder() {
        Map<Object, Object> term = new LinkedHashMap<>();
        term.put("z", 1);
        term.put(Atom.of("b"), 2);
        term.put("A", 3);
        term.put(Atom.of("a"), 4);

        assertThat(hex(term)).isEqualTo("83" + "7400000004" + "7701" + "61" + "6104" + "7701" + "62" + "6102"
                + "6d00000001" + "41" + "6103" + "6d00000001" + "7a" + "6101");
    }

    @Test
    void stringsAreUtf8BinariesAndAtomsCountUtf8Bytes() {
        assertThat(hex("é")).isEqualTo("83" + "6d00000002" + "c3a9");
        assertThat(hex(Atom.of("ü"))).isEqualTo("83" + "7702" + "c3bc");
    }

    @Test
    void atomsOutsideTheAllowlistAreRefusedByName() {
        assertThatThrownBy(() -> encoder.encode(Map.of(Atom.of("java_version"), "17")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":java_version");
    }

    @Test
    void atomsHaveAtMost255Characters() {
        assertThat(new Atom("x".repeat(255)).name()).hasSize(255);
        assertThatThrownBy(() -> new Atom("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        EtfEncoder wide = new EtfEncoder(Set.of(Atom.of("é".repeat(200))));
        assertThat(HexFormat.of().formatHex(wide.encode(Atom.of("é".repeat(200))))).startsWith("83" + "76" + "0190");
    }

    @Test
    void otherJavaTypesAreRefused() {
        assertThatThrownBy(() -> encoder.encode(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }
}
