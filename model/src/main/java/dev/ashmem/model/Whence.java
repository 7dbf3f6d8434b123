package dev.ashmem.model;

/** llseek origins with their Linux numbers. */
public final class Whence {
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    private Whence() {
    }

    public static String name(int whence) {
        return switch (whence) {
            case SEEK_SET -> "SET";
            case SEEK_CUR -> "CUR";
            case SEEK_END -> "END";
            case SEEK_DATA -> "DATA";
            case SEEK_HOLE -> "HOLE";
            default -> Integer.toString(whence);
        };
    }
}
