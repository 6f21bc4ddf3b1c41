package demo.lib;

/** Needs java.sql, which the app module only reaches through this jar. */
public final class Store {
    private Store() {
    }

    public static String describe() {
        return "sql=" + java.sql.Types.class.getSimpleName();
    }
}
