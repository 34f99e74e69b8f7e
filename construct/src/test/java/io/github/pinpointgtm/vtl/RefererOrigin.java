package io.github.pinpointgtm.vtl;

/**
 * What the envelope's {@code referer} should be for a {@code Referer} header, derived by hand (not with the
 * template's regular expression): for {@code scheme://authority...}, the scheme, {@code ://} and the authority up to
 * the first {@code /}, {@code ?} or {@code #}, without user information (through its {@code @}); any other value,
 * and one whose authority holds a {@code \} or more than one {@code @}, as sent.
 */
final class RefererOrigin {

    private RefererOrigin() {
    }

    /**
     * @param referer     the header's value ("" when absent)
     * @param fullReferer whether the template keeps the whole header
     * @return the expected envelope value
     */
    static String expected(String referer, boolean fullReferer) {
        return fullReferer ? referer : of(referer);
    }

    static String of(String referer) {
        int colon = referer.indexOf(':');
        if (colon < 1 || !isScheme(referer.substring(0, colon)) || !referer.startsWith("//", colon + 1)) {
            return referer;
        }
        int authorityStart = colon + 3;
        int authorityEnd = referer.length();
        for (int i = authorityStart; i < referer.length(); i++) {
            char c = referer.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        String authority = referer.substring(authorityStart, authorityEnd);
        int at = authority.indexOf('@');
        if (authority.indexOf('\\') >= 0 || at != authority.lastIndexOf('@')) {
            return referer;
        }
        return referer.substring(0, authorityStart) + (at < 0 ? authority : authority.substring(at + 1));
    }

    private static boolean isScheme(String scheme) {
        if (!Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) > 'z') {
            return false;
        }
        for (char c : scheme.toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
