package dev.certgate.client;

import dev.certgate.api.NewUser;
import dev.certgate.api.Roles;
import dev.certgate.api.UserChange;
import dev.certgate.api.UserService;
import dev.certgate.api.UserView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code certgate user ...}: the people who may sign in, with their roles (admin only, as on the Users page). Passwords
 * are never taken from the command line and never shown.
 */
@Command(name = "user", description = "List, add, change and delete users (admin only).",
        mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class UserCommands implements Callable<Integer> {

    private static final String ROLES = Roles.ADMIN + ", " + Roles.OPERATOR + " or " + Roles.AUDITOR;

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: list, show, add, set-roles, enable, disable, reset-password, delete "
                + "(certgate user --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "list", description = "List users by name.")
    int list() throws Exception {
        List<UserView> users = call(UserService::list);
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(users));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (UserView u : users) {
            rows.add(List.of(u.name(), Output.list(u.roles()), u.enabled() ? "yes" : "no"));
        }
        Output.table(out, List.of("NAME", "ROLES", "ENABLED"), rows);
        out.println(users.size() + " user(s)");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one user.")
    int show(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return print(call(users -> users.get(name)), null);
    }

    @Command(name = "add", description = "Add a user, enabled at once. The password is asked twice (or read from "
            + "standard input or $" + NewPasswordOptions.ENV + "); at least 12 characters.")
    int add(@Parameters(paramLabel = "NAME",
                    description = "Lower-case letters, digits, '.', '_' or '-'.") String name,
            @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                    description = "One of " + ROLES + " (repeat, or separate with commas).") List<String> roles,
            @Mixin NewPasswordOptions newPassword) throws Exception {
        root.credentials(); // the sign-in password is asked first
        char[] password = newPassword.read();
        try {
            NewUser user = new NewUser(name, new String(password), roles);
            return print(call(users -> users.create(user)), "Added");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Command(name = "set-roles", description = "Replace a user's roles. The last enabled admin keeps the admin role.")
    int setRoles(@Parameters(index = "0", paramLabel = "NAME") String name,
                 @Parameters(index = "1..*", arity = "1..*", split = ",", paramLabel = "ROLE",
                         description = "One or more of " + ROLES + ".") List<String> roles) throws Exception {
        return print(call(users -> users.update(name, new UserChange(null, roles, null))), "Changed");
    }

    @Command(name = "enable", description = "Let a user sign in again.")
    int enable(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return print(call(users -> users.update(name, new UserChange(null, null, true))), "Enabled");
    }

    @Command(name = "disable", description = "Stop a user from signing in (kept, with their roles). The last enabled "
            + "admin cannot be disabled.")
    int disable(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return print(call(users -> users.update(name, new UserChange(null, null, false))), "Disabled");
    }

    @Command(name = "reset-password", description = "Give a user a new password (asked twice, or read from standard "
            + "input or $" + NewPasswordOptions.ENV + "). Users change their own with: certgate password.")
    int resetPassword(@Parameters(paramLabel = "NAME") String name,
                      @Mixin NewPasswordOptions newPassword) throws Exception {
        root.credentials(); // the sign-in password is asked first
        char[] password = newPassword.read();
        try {
            UserChange change = new UserChange(new String(password), null, null);
            return print(call(users -> users.update(name, change)), "Reset the password of");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Command(name = "delete", description = "Delete a user. The last enabled admin cannot be deleted.")
    int delete(@Parameters(paramLabel = "NAME") String name) throws Exception {
        call(users -> {
            users.delete(name);
            return null;
        });
        if (root.json()) {
            root.out().println(Json.write(Map.of("deleted", name)));
        } else {
            root.out().println("Deleted user " + name + ".");
        }
        return ExitCodes.OK;
    }

    private int print(UserView u, String verb) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(u));
            return ExitCodes.OK;
        }
        if (verb != null) {
            out.println(verb + " user " + u.name() + ".");
        }
        Output.fields(out, List.of(
                new String[] {"name", u.name()},
                new String[] {"roles", Output.list(u.roles())},
                new String[] {"enabled", u.enabled() ? "yes" : "no"}));
        return ExitCodes.OK;
    }

    private <T> T call(RemoteCall<UserService, T> call) throws Exception {
        return root.call(UserService.class, "UserServiceBean", call);
    }
}
