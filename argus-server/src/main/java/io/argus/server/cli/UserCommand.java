package io.argus.server.cli;

import io.argus.metadata.Database;
import io.argus.metadata.RoleRepository;
import io.argus.metadata.Tenant;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.TokenRepository;
import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.BuiltInRole;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.RoleRights;
import io.argus.server.config.ArgusConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code argus user add|list|passwd|roles}: user administration straight on the metadata database (the data
 * directory's, or PostgreSQL with {@code metadata.url}), for when nobody can log in (a lost admin password) or
 * before the first start. With the embedded database the node must be stopped: it is one process's at a time.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Add, list and change users offline, on the "
        + "data directory of a stopped node.", subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class,
        UserCommand.Passwd.class, UserCommand.Roles.class})
final class UserCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: add, list, passwd or roles");
    }

    /** Options every user subcommand shares. */
    static final class Common {
        @Mixin
        ConfigOptions config;

        @Option(names = "--tenant", paramLabel = "NAME", description = "Tenant (default: default).")
        String tenant = "default";

        <T> T run(Map<String, String> env, Work<T> work) throws IOException {
            ArgusConfig c = config.load(env, Map.of());
            try (OfflineDatabase opened = OfflineDatabase.open(c, false)) {
                Database db = opened.db;
                TenantRepository tenants = new TenantRepository(db.dataSource());
                Tenant t = tenants.findByName(tenant).orElseThrow(() -> new IllegalArgumentException(
                        "no tenant named " + tenant));
                UserRepository users = new UserRepository(db.dataSource());
                RoleRepository roles = new RoleRepository(db.dataSource());
                Accounts accounts = new Accounts(users, new RoleRights(roles), new TokenRepository(db.dataSource()),
                        new PasswordPolicy(c.auth().passwordMinLength()), Clock.systemUTC());
                return work.run(accounts, users, roles, t);
            }
        }
    }

    /** A subcommand's work; account changes go through {@link Accounts}, whose rules hold at every door. */
    @FunctionalInterface
    interface Work<T> {
        T run(Accounts accounts, UserRepository users, RoleRepository roles, Tenant tenant) throws IOException;
    }

    /**
     * The new password: the first line of {@code file}, or of standard input (so it never shows in a process
     * list or the shell history).
     */
    static String readPassword(Path file) throws IOException {
        if (file != null) {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        if (System.console() != null) {
            char[] pw = System.console().readPassword("New password: ");
            return pw == null ? "" : new String(pw);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }

    static User user(UserRepository users, Tenant t, String username) {
        return users.findByUsername(t.id(), username).orElseThrow(() -> new IllegalArgumentException(
                "no user named " + username + " in tenant " + t.name()));
    }

    static void checkRoles(RoleRepository roles, Tenant t, List<String> names) {
        for (String r : names) {
            if (BuiltInRole.parse(r).isEmpty() && roles.findByName(t.id(), r).isEmpty()) {
                throw new IllegalArgumentException("no role named " + r + " (built-in: system-admin, tenant-admin, "
                        + "operator, viewer, auditor; or a custom role of the tenant)");
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with roles.")
    static final class Add implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--role", paramLabel = "ROLE", description = "A role to give (repeatable).")
        List<String> roles = new ArrayList<>();
        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from FILE's "
                + "first line (default: standard input).")
        Path passwordFile;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return common.run(System.getenv(), (accounts, users, roleRepo, t) -> {
                checkRoles(roleRepo, t, roles);
                User u = accounts.createAtConsole(t.id(), username, readPassword(passwordFile), roles);
                spec.commandLine().getOut().println("added " + username + " (" + u.id() + ") to tenant "
                        + t.name() + " with roles " + roles);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of a tenant.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        Common common;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return common.run(System.getenv(), (accounts, users, roles, t) -> {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-24s %-36s %-9s %s%n", "USERNAME", "ID", "DISABLED", "ROLES");
                for (User u : users.list(t.id())) {
                    out.printf("%-24s %-36s %-9s %s%n", u.username(), u.id(), u.disabled(),
                            String.join(",", users.roles(t.id(), u.id())));
                }
                return 0;
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password (and enable it).")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from FILE's "
                + "first line (default: standard input).")
        Path passwordFile;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return common.run(System.getenv(), (accounts, users, roles, t) -> {
                User u = user(users, t, username);
                accounts.resetAtConsole(u, readPassword(passwordFile));
                spec.commandLine().getOut().println("password of " + username + " set; its sessions and API "
                        + "tokens are revoked");
                return 0;
            });
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Replace a user's roles.")
    static final class Roles implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--role", paramLabel = "ROLE", description = "A role to give (repeatable; none: no roles).")
        List<String> roles = new ArrayList<>();
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return common.run(System.getenv(), (accounts, users, roleRepo, t) -> {
                User u = user(users, t, username);
                checkRoles(roleRepo, t, roles);
                accounts.setRolesAtConsole(u, roles);
                spec.commandLine().getOut().println("roles of " + username + ": " + roles);
                return 0;
            });
        }
    }
}
