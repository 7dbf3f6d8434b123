package dev.ashmem.oracle.cli;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.oracle.Implementations;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.ProtocolServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Speaks the line protocol on standard input and output, backed by the model (optionally with a profile) "
                + "or by the reference implementation (optionally a deliberately broken variant of it).")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--impl", defaultValue = "model", paramLabel = "model|reference", description = "the backing device (default ${DEFAULT-VALUE})")
    String impl;

    @Option(names = "--variant", paramLabel = "NAME", completionCandidates = VariantNames.class,
            description = "with --impl reference: serve this deliberately broken variant of it instead, one of: ${COMPLETION-CANDIDATES}")
    String variant;

    @Option(names = "--page-size", defaultValue = "4096", description = "4096, 16384 or 65536 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--profile", converter = ProfileConverter.class, defaultValue = "mainline", paramLabel = "PROFILE", completionCandidates = ProfileCandidates.class,
            description = "with --impl model: serve this profile's behaviour, one of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Profile profile;

    /** The catalogue's names, for --help. */
    static final class VariantNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Implementations.variantNames().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new ParameterException(spec.commandLine(), "--page-size must be 4096, 16384 or 65536");
        }
        ProtocolServer server;
        switch (impl) {
            case "model" -> {
                if (variant != null) {
                    throw new ParameterException(spec.commandLine(), "--variant applies to --impl reference only");
                }
                server = new ProtocolServer(() -> Profiles.newDevice(profile, pageSize), new Hello(Hello.VERSION, pageSize, profile, "model"));
            }
            case "reference" -> {
                if (profile != Profile.MAINLINE) {
                    throw new ParameterException(spec.commandLine(), "--profile applies to --impl model only");
                }
                var problem = Implementations.referenceProblem();
                if (problem != null) {
                    err.println("ashmem serve: " + problem);
                    return 2;
                }
                if (variant != null && !Implementations.variantNames().contains(variant)) {
                    err.println("ashmem serve: unknown --variant '" + variant + "'; known: "
                            + String.join(", ", Implementations.variantNames()));
                    return 2;
                }
                server = reference(variant, pageSize);
            }
            default -> {
                throw new ParameterException(spec.commandLine(), "--impl must be model or reference, not '" + impl + "'");
            }
        }
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        server.serve(in, out);
        out.flush();
        return 0;
    }

    /** The server of {@code --impl reference [--variant NAME]} (variant null: the correct one), as drive-rate also runs it. */
    static ProtocolServer reference(String variant, int pageSize) {
        Supplier<AshmemDevice> devices = variant == null
                ? () -> Implementations.reference(pageSize).orElseThrow()
                : () -> Implementations.variant(variant, pageSize).orElseThrow();
        String name = variant == null ? "reference" : "reference-broken-" + variant;
        return new ProtocolServer(devices, new Hello(Hello.VERSION, pageSize, Profile.MAINLINE, name));
    }
}
