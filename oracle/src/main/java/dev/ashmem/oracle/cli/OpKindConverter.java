package dev.ashmem.oracle.cli;

import dev.ashmem.generator.OpKind;
import picocli.CommandLine;

/** One operation class of {@code --skip shrink,pin_status} (split at commas): its {@link OpKind} label. */
public final class OpKindConverter implements CommandLine.ITypeConverter<OpKind> {
    /** The labels, for --help (an annotation needs a constant; DrivePartialTest checks it is {@link OpKind#labels()}). */
    public static final String KNOWN = "pin_unpin, pin_status, shrink, access, open, set_size, mmap, attribute, get_size, prot_mask, "
            + "read, llseek, mprotect, munmap, dup, close";

    @Override
    public OpKind convert(String value) {
        return OpKind.ofLabel(value.strip()).orElseThrow(() -> new CommandLine.TypeConversionException(
                "unknown operation class '" + value.strip() + "'; known: " + OpKind.labels()));
    }
}
