package demo.billing;

public final class Main {
    public static void main(String[] args) {
        System.out.println("billing " + System.getenv("PORT"));
    }
}
