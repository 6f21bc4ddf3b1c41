package demo.app;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("reactor " + demo.lib.Store.describe() + " version=" + System.getenv("XAMAL_VERSION")
                + " args=" + String.join(",", args));
    }
}
