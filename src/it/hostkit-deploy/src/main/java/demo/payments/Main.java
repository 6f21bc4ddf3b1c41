package demo.payments;

public final class Main {
    public static void main(String[] args) {
        System.out.println("payments " + System.getenv("PORT"));
    }
}
