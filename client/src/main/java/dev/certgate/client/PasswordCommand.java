package dev.certgate.client;

import dev.certgate.api.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code certgate password}: the signed-in user changes their own password, as on the "Change password" page. The
 * current password is the one signed in with, so it is not asked again.
 */
@Command(name = "password", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP},
        description = {"Change your own password (any role). The new one, at least 12 characters, is asked twice "
                + "without echo, or read from the first line of standard input (--new-password-stdin) or from $"
                + NewPasswordOptions.ENV + ".",
                "Example: printf '%%s\\n' \"$NEW\" | certgate password --new-password-stdin"})
final class PasswordCommand implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Mixin
    private NewPasswordOptions newPassword;

    @Override
    public Integer call() throws Exception {
        Certgate.Credentials credentials = root.credentials(); // asked first when not given
        char[] next = newPassword.read();
        try {
            String current = new String(credentials.password());
            String wanted = new String(next);
            root.call(UserService.class, "UserServiceBean", users -> {
                users.changeOwnPassword(current, wanted);
                return null;
            });
        } finally {
            Arrays.fill(next, '\0');
        }
        if (root.json()) {
            root.out().println(Json.write(Map.of("passwordChanged", credentials.user())));
        } else {
            root.out().println("Changed the password of " + credentials.user() + ".");
        }
        return ExitCodes.OK;
    }
}
