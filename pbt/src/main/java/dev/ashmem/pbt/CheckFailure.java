package dev.ashmem.pbt;

/**
 * A failed labelled check, postcondition or invariant. The label, not the line, identifies the failure
 * while shrinking, so a smaller case counts as "the same failure" only if the same label fails.
 */
public final class CheckFailure extends AssertionError {

    private final String label;

    public CheckFailure(String label, String message) {
        super(message);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
