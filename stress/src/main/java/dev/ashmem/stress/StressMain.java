package dev.ashmem.stress;

/**
 * {@code ./ashmem stress [options]}: runs a jcstress campaign against the reference implementation
 * (or a broken variant), prints per-test samples and samples per second, the FORBIDDEN outcomes seen,
 * and where jcstress' HTML report is. Run it from the shaded jar:
 * {@code java -cp stress/target/jcstress.jar dev.ashmem.stress.StressMain --mode quick}.
 */
public final class StressMain {
    private StressMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit status: 0 passed (or FORBIDDEN seen, with --expect-forbidden), 1 not, 2 bad options. */
    public static int run(String... args) {
        CampaignOptions options;
        try {
            if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
                System.out.println(CampaignOptions.USAGE);
                return 0;
            }
            options = CampaignOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stress: " + e.getMessage());
            System.err.println(CampaignOptions.USAGE);
            return 2;
        }
        try {
            var report = new Campaign(options, System.out).run(); // the summary is printed as it is made
            if (options.expectForbidden()) {
                boolean caught = !report.forbidden().isEmpty();
                System.out.println(caught
                        ? "expected FORBIDDEN outcomes: seen, the variant " + options.variant().id() + " is caught"
                        : "expected FORBIDDEN outcomes: none seen, the variant " + options.variant().id() + " was NOT caught");
                return caught ? 0 : 1;
            }
            return report.passed() ? 0 : 1;
        } catch (java.io.IOException e) {
            System.err.println("stress: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("stress: interrupted");
            return 1;
        }
    }
}
