package dev.xamal.hostkit.etf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The JSON rendering of a term {@link EtfEncoder} encodes, for people and tools that do not read
 * ETF: atoms and binaries both become JSON strings, {@code nil} becomes {@code null}, map keys
 * come in {@link TermOrder}, two-space indentation, one trailing newline. The same term always
 * renders the same text.
 */
public final class TermJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TermJson() {
    }

    public static String render(Object term) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(pretty);
            write(json, term);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static void write(JsonGenerator json, Object term) throws IOException {
        if (term == null || Atom.of("nil").equals(term)) {
            json.writeNull();
        } else if (term instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (term instanceof Atom atom) {
            json.writeString(atom.name());
        } else if (term instanceof String s) {
            json.writeString(s);
        } else if (term instanceof Integer || term instanceof Long || term instanceof BigInteger) {
            json.writeNumber(new BigInteger(term.toString()));
        } else if (term instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (term instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Object key : TermOrder.sortedKeys(map)) {
                json.writeFieldName(key instanceof Atom atom ? atom.name() : String.valueOf(key));
                write(json, map.get(key));
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("no JSON rendering for " + term.getClass().getName() + ": " + term);
        }
    }
}
