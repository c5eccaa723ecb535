package io.lotse.server.engage;

import java.util.regex.Pattern;

/** A plain check of an address typed into a form: one {@code @}, a local part, a domain with a dot. */
final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddresses() {}

    static boolean valid(String email) {
        return email.length() <= 254 && ADDRESS.matcher(email).matches();
    }
}
