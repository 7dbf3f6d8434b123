package dev.ashmem.trace;

/**
 * One documented way a profile departs from the reference driver (spec chapter 10).
 *
 * @param profile       the profile that behaves so
 * @param behaviour     what it does, in one line ("unknown ioctl -> EINVAL")
 * @param referenceRule the rule of the reference it departs from
 * @param source        where the behaviour comes from: file and function of the implementation read
 *                      (empty when the profile was written from a summary)
 */
public record Difference(Profile profile, String behaviour, String referenceRule, String source) {

    public Difference(Profile profile, String behaviour, String referenceRule) {
        this(profile, behaviour, referenceRule, "");
    }

    @Override
    public String toString() {
        return behaviour + " (reference: " + referenceRule + (source.isEmpty() ? "" : "; source: " + source) + ")";
    }
}
