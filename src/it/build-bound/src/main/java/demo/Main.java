package demo;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("bound " + System.getenv("XAMAL_VERSION"));
    }
}
