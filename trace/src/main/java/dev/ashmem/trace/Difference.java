package dev.ashmem.trace;

/**
 * One documented way a profile departs from the reference driver (spec chapter 10).
 *
 * @param profile       the profile that behaves so
 * @param behaviour     what it does, in one line ("unknown ioctl -> EINVAL")
 * @param referenceRule the rule of the reference it departs from
 */
public record Difference(Profile profile, String behaviour, String referenceRule) {
    @Override
    public String toString() {
        return behaviour + " (reference: " + referenceRule + ")";
    }
}
