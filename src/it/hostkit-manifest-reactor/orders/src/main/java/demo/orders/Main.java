package demo.orders;

public final class Main {
    public static void main(String[] args) {
        System.out.println("orders " + System.getenv("PORT"));
    }
}
