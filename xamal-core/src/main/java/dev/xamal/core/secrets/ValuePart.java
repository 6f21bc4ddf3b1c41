package dev.xamal.core.secrets;

/**
 * One piece of a parsed secrets-file value: literal text, a reference to a variable, or a command
 * whose output is substituted.
 */
sealed interface ValuePart {

    /** Text taken as it stands (quotes and escapes already decoded). */
    record Literal(String text) implements ValuePart {
    }

    /** {@code ${NAME}} or {@code $NAME}: an earlier key of the secrets files, else the process environment. */
    record VariableRef(String name, int line) implements ValuePart {
    }

    /** {@code $(command)}: the command's standard output, trailing newlines removed. */
    record CommandSubstitution(String command, int line) implements ValuePart {
    }
}
