package dev.xamal.maven;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.output.Redactor;
import dev.xamal.core.secrets.SecretFiles;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.hostkit.HostKitBackend;
import dev.xamal.core.secrets.SecretsLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import dev.xamal.ssh.SshOptions;
import dev.xamal.ssh.SshOptionsMapping;
import dev.xamal.ssh.SshTransport;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The common parameters of every goal and the one place that turns core's failures into Maven's:
 * a user's mistake becomes a {@link MojoFailureException}, an environment failure a
 * {@link MojoExecutionException}. Messages pass through the run's {@link Redactor}; the stack
 * trace is logged (redacted) at debug level only, never attached to the Maven exception.
 */
public abstract class AbstractXamalMojo extends AbstractMojo {

    /** The Maven project the goal runs in (the execution root for aggregator goals). */
    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** This goal's execution (its goal name, for messages). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /** The current Maven session. */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /**
     * The destination: loads {@code config/xamal.<destination>.yml} over {@code config/xamal.yml}
     * and selects {@code .xamal/secrets.<destination>}.
     */
    @Parameter(property = "xamal.destination")
    protected String destination;

    /** The configuration file, relative to the project directory. */
    @Parameter(property = "xamal.configFile", defaultValue = "config/xamal.yml")
    protected String configFile;

    /** Comma-separated host patterns ({@code *} matches any characters) the goal acts on. */
    @Parameter(property = "xamal.hosts")
    protected String hosts;

    /** Comma-separated role patterns ({@code *} matches any characters) the goal acts on. */
    @Parameter(property = "xamal.roles")
    protected String roles;

    /**
     * The version label to build, deploy or boot instead of the one derived from git; for
     * {@code rollback} the release to return to, for {@code app-boot} the release to boot.
     */
    @Parameter(property = "xamal.version")
    protected String version;

    /** Skip every hook. */
    @Parameter(property = "xamal.skipHooks", defaultValue = "false")
    protected boolean skipHooks;

    /** Skip this goal entirely. */
    @Parameter(property = "xamal.skip", defaultValue = "false")
    protected boolean skip;

    /** Show debug lines (remote command lines, timings) without Maven's {@code -X}. */
    @Parameter(property = "xamal.verbose", defaultValue = "false")
    protected boolean verbose;

    /** Show only warnings and errors. */
    @Parameter(property = "xamal.quiet", defaultValue = "false")
    protected boolean quiet;

    /** Seconds to wait for a held deploy lock before giving up (0: fail at once). */
    @Parameter(property = "xamal.lockWait", defaultValue = "0")
    protected int lockWait;

    private final Redactor redactor = new Redactor();
    private Output output;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("xamal: skipped");
            return;
        }
        output = Output.redacting(new MavenOutput(getLog(), verbose, quiet, colour()), redactor);
        SshLibraryLogging.quietUnlessDebugging(getLog().isDebugEnabled());
        try {
            run();
        } catch (UsageException e) {
            logTrace(e);
            throw new MojoFailureException(redactor.redact(e.getMessage()));
        } catch (EnvironmentException e) {
            logTrace(e);
            throw new MojoExecutionException(redactor.redact(e.getMessage()));
        }
    }

    /** Colour only in an interactive run (no {@code -B}) on a terminal. */
    private boolean colour() {
        return session != null && session.getRequest() != null && session.getRequest().isInteractiveMode()
                && System.console() != null;
    }

    /** The goal's work: build a request, call core, print the result. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** {@code -Dxamal.version} when given (not blank). */
    protected final Optional<String> requestedVersion() {
        return Optional.ofNullable(version).filter(v -> !v.isBlank());
    }

    /** The run's output; every line is redacted. */
    protected final Output output() {
        return output;
    }

    /** The directory relative paths start from: the project's, or the working directory without one. */
    protected final Path projectDir() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        return Path.of("").toAbsolutePath();
    }

    /**
     * Loads and validates {@code configFile} (with the {@code destination} overlay) from the
     * project directory, templates seeing the process environment.
     *
     * @throws UsageException when the file is missing (saying to run {@code mvn xamal:init}) or
     *                        invalid (naming file, key path and what to change)
     */
    protected final XamalConfig loadConfig() {
        String file = configFile == null || configFile.isBlank() ? ConfigLoader.DEFAULT_CONFIG_FILE : configFile;
        return ConfigLoader.load(projectDir(), file, Optional.ofNullable(destination), System.getenv());
    }

    /**
     * For goals that act on servers over SSH themselves: fails with {@code backend: hostkit},
     * saying which goals apply instead. Call it right after {@link #loadConfig()}.
     */
    protected final void requireSshBackend(XamalConfig config) {
        config.backend().requireSsh(mojoExecution == null ? "this goal" : mojoExecution.getGoal());
    }

    /** The run's redactor, where loaded secrets register their values. */
    protected final Redactor redactor() {
        return redactor;
    }

    /**
     * The secrets of the configuration's {@code secrets_path} and destination, every value
     * registered with the run's redactor; runs their {@code $(...)} commands.
     */
    protected final Secrets loadSecrets(XamalConfig config) {
        return new SecretsLoader(System.getenv(), redactor).load(SecretFiles.of(projectDir(), config));
    }

    /**
     * The SSH transport the configuration describes: {@code ssh.*}, the user's {@code ~/.ssh},
     * the agent of {@code SSH_AUTH_SOCK} and key passphrases from settings.xml. Every remote
     * command line, upload and file write is shown at debug level ({@code -X} or
     * {@code -Dxamal.verbose}), redacted.
     */
    protected final SshTransport sshTransport(XamalConfig config, SettingsDecrypter settingsDecrypter) {
        return sshTransport(config, settingsDecrypter, keyDataLookup(config));
    }

    /** The same, with the secrets {@code ssh.key_data} names looked up by name (goals that load the secrets). */
    protected final SshTransport sshTransport(XamalConfig config, SettingsDecrypter settingsDecrypter,
                                              Function<String, Optional<String>> keyData) {
        SshOptions options = SshOptionsMapping.toOptions(config.ssh(), Path.of(System.getProperty("user.home")),
                System.getenv(), keyData,
                SshPassphrases.from(session.getSettings(), settingsDecrypter, config.ssh().serverId(), System.getenv()));
        return new SshTransport(options, line -> output().debug(line));
    }

    /** Secrets named by {@code ssh.key_data}; the secrets files are read only when it names any. */
    private Function<String, Optional<String>> keyDataLookup(XamalConfig config) {
        if (config.ssh().keyData().isEmpty()) {
            return name -> Optional.empty();
        }
        Secrets secrets = loadSecrets(config);
        return name -> Optional.of(secrets.require(name, "ssh.key_data"));
    }

    private void logTrace(Exception e) {
        if (getLog().isDebugEnabled()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            getLog().debug(redactor.redact(trace.toString()));
        }
    }

    /** The HostKit backend for this project ({@code backend: hostkit}), with the build's environment. */
    protected final HostKitBackend hostKit(XamalConfig config) {
        return new HostKitBackend(config, projectDir(), System.getenv(), output());
    }
}
